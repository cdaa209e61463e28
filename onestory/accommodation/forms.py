"""Forms for managing schemes and units. The rules themselves are in ``rules`` and the
actions; a form only reads what was typed."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone

from onestory.accommodation.board import Needs
from onestory.accommodation.choices import (
    AdultSex,
    AskStatus,
    EndReason,
    FundPurpose,
    LandlordPermission,
    MeasureKind,
    MoveOn,
    OutOfUseReason,
    SchemeDeclineReason,
    SchemeType,
    Sexes,
    SupportType,
    SurvivorDeclineReason,
)
from onestory.accommodation.models import Scheme, Unit
from onestory.accounts.models import Area, AreaLevel, User
from onestory.core.date_input import date_input

OUTSIDE = "outside"


class SchemeForm(forms.Form):
    name = forms.CharField(label="Name of the scheme", max_length=200)
    scheme_type = forms.ChoiceField(
        label="Type of safe accommodation",
        choices=SchemeType.choices,
        widget=forms.RadioSelect,
        help_text="Bed and breakfast with shared facilities is not safe accommodation.",
        error_messages={
            "required": "Select the type of safe accommodation",
            "invalid_choice": "Select the type of safe accommodation",
        },
    )
    by_and_for = forms.BooleanField(
        label="It is run by and for the people it serves", required=False
    )
    specialist_group = forms.CharField(
        label="Specialist group it serves (optional)",
        required=False,
        max_length=200,
        help_text="For example: Black and minoritised women, LGBT+ people, deaf women.",
    )
    town = forms.CharField(
        label="Town or district",
        max_length=100,
        help_text="This is all that other agencies see of where it is. Never a street.",
    )
    area = forms.ModelChoiceField(
        label="District",
        queryset=Area.objects.filter(level=AreaLevel.DISTRICT).order_by("name"),
        required=False,
        empty_label="Outside the partnership's area",
        help_text="Whether a household placed here stays in the area is worked out from this.",
    )
    address = forms.CharField(
        label="Address",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen only by your agency's staff.",
    )
    postcode = forms.CharField(label="Postcode", max_length=10)
    directions = forms.CharField(
        label="How to find it and get in (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen only by your agency's staff.",
    )


class UnitForm(forms.Form):
    name = forms.CharField(
        label="Name of the unit",
        max_length=100,
        help_text="How your staff know it, for example Room 3. Never an address.",
    )
    bed_spaces = forms.IntegerField(
        label="Bed spaces",
        min_value=1,
        max_value=20,
        help_text="The most people, adults and children, it can take.",
    )
    sexes = forms.ChoiceField(label="Takes", choices=Sexes.choices, widget=forms.RadioSelect)
    max_children = forms.IntegerField(
        label="Most children it can take", min_value=0, max_value=19, initial=0
    )
    boys_up_to_age = forms.IntegerField(
        label="Boys up to what age (optional)",
        required=False,
        min_value=0,
        max_value=17,
        help_text="Leave empty if it takes boys of any age.",
    )
    pets = forms.BooleanField(label="Takes pets", required=False)
    wheelchair_access = forms.BooleanField(label="Wheelchair accessible", required=False)
    no_recourse_to_public_funds = forms.BooleanField(
        label="Takes people with no recourse to public funds", required=False
    )
    languages = forms.CharField(
        label="Languages spoken (optional)",
        required=False,
        max_length=500,
        help_text="Separate languages with commas, for example English, Polish, Urdu.",
    )
    specialist_group = forms.CharField(
        label="Specialist group (optional)", required=False, max_length=200
    )

    def clean_languages(self) -> list[str]:
        text = self.cleaned_data.get("languages") or ""
        return [part.strip() for part in text.split(",") if part.strip()]


class OutOfUseForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why is it out of use?",
        choices=OutOfUseReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the unit is out of use"},
    )
    details = forms.CharField(
        label="More about why (optional)",
        required=False,
        max_length=200,
        help_text="Needed when the reason is other. Never an address.",
    )
    expected_back_on = date_input("Expected back in use (optional)")


class NeedsForm(forms.Form):
    """What the household needs, to filter the board. Everything may be left out."""

    adult_sex = forms.ChoiceField(
        label="The adult is",
        required=False,
        choices=[("", "Not said"), ("woman", "A woman"), ("man", "A man")],
        widget=forms.RadioSelect,
    )
    adults = forms.IntegerField(label="Adults", min_value=1, max_value=10, required=False)
    children = forms.IntegerField(label="Children", min_value=0, max_value=19, required=False)
    oldest_boy = forms.IntegerField(
        label="Age of the oldest boy (optional)", min_value=0, max_value=17, required=False
    )
    pets = forms.BooleanField(label="Has pets", required=False)
    wheelchair = forms.BooleanField(label="Needs wheelchair access", required=False)
    nrpf = forms.BooleanField(label="Has no recourse to public funds", required=False)
    languages = forms.CharField(
        label="Languages needed (optional)",
        required=False,
        max_length=200,
        help_text="Separate languages with commas.",
    )

    def needs(self) -> Needs:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return Needs(
            adult_sex=data.get("adult_sex") or "",
            adults=data.get("adults") or 1,
            children=data.get("children") or 0,
            oldest_boy=data.get("oldest_boy"),
            pets=bool(data.get("pets")),
            wheelchair=bool(data.get("wheelchair")),
            nrpf=bool(data.get("nrpf")),
            languages=tuple(
                part.strip() for part in (data.get("languages") or "").split(",") if part.strip()
            ),
        )


class ListedVacancyForm(UnitForm):
    """A place out of area, as its provider or a national vacancy service reported it."""

    provider = forms.CharField(label="Who runs it", max_length=200)
    scheme_name = forms.CharField(label="Name of the scheme", max_length=200)
    scheme_type = forms.ChoiceField(
        label="Type of safe accommodation",
        choices=SchemeType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the type of safe accommodation",
            "invalid_choice": "Select the type of safe accommodation",
        },
    )
    town = forms.CharField(label="Town or district", max_length=100, help_text="Never an address.")
    places = forms.IntegerField(label="Places free", min_value=1, max_value=50, initial=1)
    how_to_refer = forms.CharField(
        label="How to refer",
        max_length=300,
        error_messages={"required": "Enter how to refer"},
        help_text="For example, the provider's referral line. Never an address.",
    )
    reported_on = date_input(
        "When the provider said it was free",
        required=True,
        past_only=True,
        missing="Enter when the provider said it was free",
    )
    reported_time = forms.TimeField(
        label="At what time",
        help_text="In 24-hour time, for example 09:30",
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={
            "required": "Enter the time the provider said it was free",
            "invalid": "Enter a real time, like 09:30",
        },
    )

    field_order = [
        "provider",
        "scheme_name",
        "scheme_type",
        "town",
        "places",
        "bed_spaces",
        "sexes",
        "max_children",
        "boys_up_to_age",
        "pets",
        "wheelchair_access",
        "no_recourse_to_public_funds",
        "languages",
        "specialist_group",
        "how_to_refer",
        "reported_on",
        "reported_time",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["name"]
        self.fields["bed_spaces"].label = "Largest household it takes"

    def details(self) -> dict:
        data = dict(self.cleaned_data)
        day, at = data.pop("reported_on"), data.pop("reported_time")
        data["reported_at"] = timezone.make_aware(datetime.combine(day, at))
        return data


def children_text(children: list[dict]) -> str:
    return ", ".join(f"{child.get('sex') or 'child'} {child.get('age')}" for child in children)


class PlacementForm(forms.Form):
    """A request for a place: the household (started from the person's record) and the
    schemes to ask."""

    schemes = forms.ModelMultipleChoiceField(
        label="Schemes to ask",
        queryset=Scheme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Ask as many as fit: each answers for itself.",
        error_messages={"required": "Select at least one scheme to ask"},
    )
    adult_sex = forms.ChoiceField(
        label="The adult is",
        choices=AdultSex.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the adult is a woman or a man"},
    )
    adults = forms.IntegerField(label="Adults", min_value=1, max_value=10, initial=1)
    children = forms.CharField(
        label="Children (optional)",
        required=False,
        max_length=300,
        help_text="Each child's sex and age, separated by commas, for example: girl 7, boy 13",
    )
    pets = forms.BooleanField(label="Has pets", required=False)
    wheelchair = forms.BooleanField(label="Needs wheelchair access", required=False)
    access_needs = forms.CharField(
        label="Other access needs (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    languages = forms.CharField(
        label="Languages they need (optional)",
        required=False,
        max_length=200,
        help_text="Separate languages with commas.",
    )
    nrpf = forms.BooleanField(label="Has no recourse to public funds", required=False)
    risk_to_others = forms.CharField(
        label="Any risk to others (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    unsafe_areas = forms.CharField(
        label="Areas unsafe for them (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Towns or districts where the person using harm or their family live or work.",
    )
    from_area = forms.CharField(
        label="Where the household is coming from",
        max_length=100,
        help_text="A town or district, never an address.",
        error_messages={"required": "Enter where the household is coming from"},
    )
    from_district = forms.ChoiceField(
        label="District they are coming from",
        help_text="Whether they come from inside the partnership's area is worked out from this.",
        error_messages={"required": "Select the district they are coming from, or outside"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        schemes = self.fields["schemes"]
        # A sanctuary scheme secures a home; it has no places to ask for.
        schemes.queryset = (
            Scheme.objects.filter(is_active=True)
            .exclude(scheme_type=SchemeType.SANCTUARY)
            .only("id", "name", "town", "scheme_type")
        )
        schemes.label_from_instance = lambda s: (
            f"{s.name}, {s.town} ({s.get_scheme_type_display().lower()})"
        )
        self.districts = {
            str(area.pk): area
            for area in Area.objects.filter(level=AreaLevel.DISTRICT).order_by("name")
        }
        self.fields["from_district"].choices = [
            ("", "Select where they are coming from"),
            *((pk, area.name) for pk, area in self.districts.items()),
            (OUTSIDE, "Outside the partnership's area"),
        ]

    def clean_from_district(self):
        return self.districts.get(self.cleaned_data["from_district"])

    def clean_children(self) -> list[dict]:
        children = []
        for part in (self.cleaned_data.get("children") or "").split(","):
            words = part.split()
            if not words:
                continue
            sex = next((w.lower() for w in words if w.lower() in ("girl", "boy")), "")
            ages = [w for w in words if w.isdigit()]
            if not sex or len(ages) != 1 or int(ages[0]) > 17:
                raise forms.ValidationError(
                    f"Write '{part.strip()}' as girl or boy and an age from 0 to 17, like boy 13"
                )
            children.append({"sex": sex, "age": int(ages[0])})
        return children

    def clean_languages(self) -> list[str]:
        text = self.cleaned_data.get("languages") or ""
        return [part.strip() for part in text.split(",") if part.strip()]


class SchemeAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Your answer",
        choices=[
            (AskStatus.OFFERED, "Offer a unit"),
            (AskStatus.ACCEPTED, "Accept the household, with a unit to follow"),
            (AskStatus.DECLINED, "Decline"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select your answer"},
    )
    unit = forms.ModelChoiceField(
        label="Unit offered",
        required=False,
        queryset=Unit.objects.none(),
        empty_label="Choose a unit",
        error_messages={"invalid_choice": "Choose a unit from the list"},
    )
    reason = forms.ChoiceField(
        label="Why you cannot take them",
        required=False,
        choices=[("", "Choose a reason"), *SchemeDeclineReason.choices],
    )
    details = forms.CharField(label="More about why (optional)", required=False, max_length=300)

    def __init__(self, *args, scheme: Scheme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scheme.units.all()


class SurvivorAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="What did they say?",
        choices=[
            (AskStatus.TAKEN, "They accept the place"),
            (AskStatus.REFUSED, "They decline it"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what they said"},
    )
    reason = forms.ChoiceField(
        label="Why they declined",
        required=False,
        choices=[("", "Choose a reason"), *SurvivorDeclineReason.choices],
    )
    details = forms.CharField(label="More about why (optional)", required=False, max_length=300)
    share_record = forms.BooleanField(
        label="They agree to the scheme's staff seeing who they are and how to reach them",
        required=False,
        help_text="A summary share of their record with the agency that runs the scheme, "
        "made when they accept the place, so that no one asks them again. Leave it unticked "
        "if they do not agree.",
    )

    def __init__(self, *args, agency_name: str = "", ask_to_share: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not ask_to_share:
            del self.fields["share_record"]
        elif agency_name:
            label = f"They agree to {agency_name} seeing who they are and how to reach them"
            self.fields["share_record"].label = label


class KeyWorkerChoice(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.username


def _key_worker_field() -> KeyWorkerChoice:
    return KeyWorkerChoice(
        label="Key worker (optional)",
        required=False,
        queryset=User.objects.none(),
        empty_label="Not yet named",
        error_messages={"invalid_choice": "Choose a key worker from the list"},
    )


class ArrivalForm(forms.Form):
    arrived_on = date_input(
        "Date they arrived", required=True, past_only=True, missing="Enter the date they arrived"
    )
    adults = forms.IntegerField(label="Adults", min_value=1, max_value=10)
    children = forms.CharField(
        label="Children (optional)",
        required=False,
        max_length=300,
        help_text="Each child's sex and age, separated by commas, for example: girl 7, boy 13",
    )
    key_worker = _key_worker_field()

    clean_children = PlacementForm.clean_children

    def __init__(self, *args, agency_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key_worker"].queryset = User.objects.filter(
            agency_id=agency_id, is_active=True
        ).order_by("first_name", "last_name")


class SupportForm(forms.Form):
    key_worker = _key_worker_field()
    support_given = forms.MultipleChoiceField(
        label="Support given",
        required=False,
        choices=SupportType.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, agency_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key_worker"].queryset = User.objects.filter(
            agency_id=agency_id, is_active=True
        ).order_by("first_name", "last_name")


class DepartureForm(forms.Form):
    departed_on = date_input(
        "Date they left", required=True, past_only=True, missing="Enter the date they left"
    )
    end_reason = forms.ChoiceField(
        label="Why support ended",
        choices=EndReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why support ended"},
    )
    move_on = forms.ChoiceField(
        label="Where they moved on to",
        choices=MoveOn.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where they moved on to, or unknown"},
    )


class InstallForm(forms.Form):
    scheme = forms.ModelChoiceField(
        label="Sanctuary scheme",
        queryset=Scheme.objects.none(),
        empty_label=None,
        error_messages={"required": "Select the sanctuary scheme"},
    )
    surveyed_on = date_input(
        "Date of the survey", required=True, past_only=True, missing="Enter the date of the survey"
    )
    survey_findings = forms.CharField(
        label="What the survey found (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Seen only by your agency's staff.",
    )
    landlord_permission = forms.ChoiceField(
        label="Landlord's permission",
        choices=LandlordPermission.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the landlord's permission is needed"},
    )

    def __init__(self, *args, schemes, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes


class PermissionForm(forms.Form):
    landlord_permission = InstallForm.base_fields["landlord_permission"]


class MeasureForm(forms.Form):
    kind = forms.ChoiceField(
        label="Measure fitted",
        choices=MeasureKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the measure fitted"},
    )
    details = forms.CharField(label="Details (optional)", required=False, max_length=200)
    cost = forms.DecimalField(
        label="Cost in pounds",
        min_value=0,
        max_digits=8,
        decimal_places=2,
        error_messages={"required": "Enter the cost in pounds, 0 or more"},
    )
    fitted_on = date_input(
        "Date fitted", required=True, past_only=True, missing="Enter the date it was fitted"
    )


class ReviewForm(forms.Form):
    reviewed_on = date_input(
        "Date of the review", required=True, past_only=True, missing="Enter the date of the review"
    )
    review_notes = forms.CharField(
        label="What the review found (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class GrantForm(forms.Form):
    amount = forms.DecimalField(
        label="Amount in pounds",
        min_value=Decimal("0.01"),
        max_digits=8,
        decimal_places=2,
        error_messages={"required": "Enter the amount in pounds, more than 0"},
    )
    purpose = forms.ChoiceField(
        label="What it is for",
        choices=FundPurpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the grant is for"},
    )
    purpose_details = forms.CharField(
        label="More about what it is for (optional)", required=False, max_length=300
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve"), ("refuse", "Refuse")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select your decision"},
    )
    refusal_reason = forms.CharField(
        label="Why it is refused (if refused)", required=False, max_length=300
    )


class PaymentForm(forms.Form):
    paid_on = date_input(
        "Date it was paid", required=True, past_only=True, missing="Enter the date it was paid"
    )


class BudgetForm(forms.Form):
    starts_on = date_input(
        "A date in the financial year",
        required=True,
        missing="Enter a date in the financial year",
        help_text="Any date in it, for example 1 4 2026: budgets run from April to March.",
    )
    amount = forms.DecimalField(
        label="Budget in pounds",
        min_value=0,
        max_digits=10,
        decimal_places=2,
        error_messages={"required": "Enter the budget in pounds, 0 or more"},
    )


class PeriodForm(forms.Form):
    start = date_input("From", required=True, missing="Enter the first day of the period")
    end = date_input("To", required=True, missing="Enter the last day of the period")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The last day must be on or after the first day")
        return data
