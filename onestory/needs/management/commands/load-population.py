"""``onestory load-population FILE``: load ONS mid-year population estimates."""

from onestory.needs.actions import load_population
from onestory.needs.management.commands._file_command import LoadFileCommand, loader


class Command(LoadFileCommand):
    help = (
        "Load ONS mid-year population estimates by area, sex and single year of age (or age "
        "band), one column per year (ONS's layout: ladcode21, laname21, country, sex, age, "
        "population_2021, ...). The areas must be loaded already. The whole file is checked "
        "first: if any line is wrong, every problem is listed and nothing is saved. Each "
        "area and year in the file replaces what was held for it."
    )
    what = "population figures"
    load = loader(load_population)
