"""Information governance across every app: how long records are kept, and deleting those
past it. It stands above the apps whose records it reads."""
