"""The synthetic county: a made-up partnership at the scale OneStory must serve.

``onestory synth --persons N --seed S`` fills the configured database with agencies and
staff, persons with British names (several records for many real people, across agencies,
each record as noisy as real records are), their other names, relationships and addresses,
referrals over seven years, DASH risk assessments, shares and audit events, cases at the
specialist services with their notes, needs, plans and outcomes, and MARAC referrals on the
agendas of each district's MARAC meetings; and writes the ground truth (which records are
the same real person) to a JSON-lines file that ``onestory bench`` reads. Everything in it
is invented.

It loads in chunks of real people. Each chunk is one transaction across every table, ending
with an audit event that marks it done, so stopping the load (Ctrl+C) never leaves half a
chunk, and running the same command again carries on after the last chunk done.
"""
