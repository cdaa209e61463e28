"""The address-in-note check: what looks like a postcode or a street address, and what does not."""

import pytest

from onestory.core.address_check import address_like_text, address_warning, looks_like_an_address


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("She has moved to 12 Hidden Lane, NE2 7QT.", ["12 Hidden Lane", "NE2 7QT"]),
        ("new place is 4b Rose Court", ["4b Rose Court"]),
        ("postcode ne1 4ab", ["NE1 4AB"]),
        ("M1 1AE", ["M1 1AE"]),
        ("SW1A 1AA is the one", ["SW1A 1AA"]),
        ("NE14AB without a space", ["NE1 4AB"]),
        ("We met at 14 High St", ["14 High St"]),
        ("Lives at 221B Baker Street now", ["221B Baker Street"]),
        ("staying at 3 church road with her sister", ["3 church road"]),
        ("Flat 3, Oak House", ["Flat 3", "Oak House"]),
        ("She now lives on Mill Lane with her aunt.", ["Mill Lane"]),
        ("moved to Acacia Avenue last week", ["Acacia Avenue"]),
        ("Staying at Rowan House until Friday", ["Rowan House"]),
        ("She went back to Willow Lodge.", ["Willow Lodge"]),
        ("in flat three above the chip shop", ["flat three"]),
        ("Apartment 12b", ["Apartment 12b"]),
        ("Maisonette 4, second floor", ["Maisonette 4"]),
        ("12-14 Mill Lane", ["12-14 Mill Lane"]),
    ],
)
def test_it_finds_what_looks_like_an_address(text, found):
    assert address_like_text(text) == found
    assert looks_like_an_address(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Called at 10am, no answer.",
        "She walked 2 miles down the lane to the shop.",
        "Hearing on 3 March at Northshire Crown Court.",
        "Hearing on 3 March Crown Court.",
        "Seen 2 times at the park with the children.",
        "Saved £200 towards the deposit.",
        "Served a section 8 notice.",
        "DASH score 14 of 24, referred to MARAC.",
        "He came round 3 times last week.",
        "Hearing at 2 pm.",
        "Rang 07700 900123 at the safe time.",
        "Reference K7P2-MXQ4 from the front door.",
        "NHS number 943 476 5919.",
        "Went to Northshire Magistrates Court with her IDVA.",
        "Spoke to the police and to Women's Aid.",
        "Met her at the Job Centre.",
        "Police attended. The White House pub was mentioned as where he drinks.",
        "She wants a flat with two bedrooms.",
        "Safety plan reviewed; new phone given.",
    ],
)
def test_it_lets_ordinary_notes_through(text):
    assert address_like_text(text) == []
    assert address_warning(text) is None


def test_the_warning_quotes_what_it_found_and_points_to_the_address_form():
    warning = address_warning("Moved to 12 Hidden Lane, NE2 7QT")
    assert "“12 Hidden Lane”" in warning
    assert "“NE2 7QT”" in warning
    assert "address form" in warning


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("She is safe at the haven now", ["the haven"]),
        ("Staying with Kestrel Refuge since Monday", ["Kestrel Refuge"]),
        ("Moved to Harbour Place, 2 weeks ago", ["Harbour Place"]),
    ],
)
def test_it_finds_the_names_of_secret_places_it_is_given(text, found):
    places = ["The Haven", "Kestrel Refuge", "Harbour Place", "Ab"]
    assert address_like_text(text, places) == found


def test_a_place_it_is_not_given_is_not_found():
    assert address_like_text("She is safe at the haven now") == []
