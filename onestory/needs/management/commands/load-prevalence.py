"""``onestory load-prevalence FILE``: load survey prevalence rates."""

from onestory.needs.actions import load_rates
from onestory.needs.files import RATE_COLUMNS
from onestory.needs.management.commands._file_command import LoadFileCommand, loader


class Command(LoadFileCommand):
    help = (
        "Load survey prevalence rates (the share of people who experienced domestic abuse in "
        "the last year) with the columns "
        + ", ".join(RATE_COLUMNS)
        + ": the series names the question version and ages (the Crime Survey changed its "
        "questions from the year ending March 2024), survey_year is the year the survey "
        "year ends in March, rate is a percentage. All or nothing; each series and year in "
        "the file replaces what was held for it."
    )
    what = "survey rates"
    load = loader(load_rates)
