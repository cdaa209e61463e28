"""The top floor: the public start pages, the signed-in home page with its work queues, and
the navigation. They know every app, so no other app imports them."""
