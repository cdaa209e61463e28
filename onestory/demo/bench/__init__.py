"""The benchmark: ``onestory bench --json`` measures OneStory on the configured database.

It starts a real server process (gunicorn) on a free loopback port and talks to it over
HTTP with a bearer token, from several client threads at once: fuzzy person search with
noisy questions made from the synthetic county's ground truth (speed, and whether the right
person comes first or in the top five), the same candidate query as bare SQL beside it,
the person timeline and the case page, and referral submission. The MARAC quarterly
figures and the outcomes report are timed in-process. Every loop is bounded in count and
time, and everything stays on this machine. See docs/benchmarks.md.
"""
