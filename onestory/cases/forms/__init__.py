"""Forms for case work. Forms check the shape of an answer; the actions check the rest, and
their refusals are shown against the fields here (see ``add_refusal``)."""
