"""Linkage on a small labelled set: the expected links are found, and a victim is never
suggested with the person harming her, however alike their records look."""

import pytest
from django.core.management import call_command

from onestory.linkage import actions, engine, queries, rules
from onestory.linkage.models import CandidateLink, LinkageModel
from tests.integration.linkage.helpers import (
    TRUE_LINKS,
    import_background,
    import_labelled_set,
)

pytestmark = pytest.mark.django_db


def _keys(agency):
    return {
        (source, record_id): queries.record_key(pk)
        for pk, source, record_id in queries.source_records(agency).values_list(
            "pk", "extract__source", "record_id"
        )
    }


def test_the_labelled_links_are_suggested_and_never_victim_with_harm(world, tmp_path, capsys):
    import_labelled_set(world.agency)
    generated = import_background(world.agency)
    call_command("linkage-train", agency=world.agency.name, seed=1)
    model = LinkageModel.objects.get(agency=world.agency)
    assert (model.version, model.splink_version) == (1, engine.SPLINK_VERSION)
    assert model.settings["probability_two_random_records_match"] > 0

    keys = _keys(world.agency)
    victim, harm = keys[("police", "P1")], keys[("police", "P2")]
    # The model alone would call them one person: the rule is what keeps them apart.
    scored = engine.predict(queries.linkage_persons(world.agency), model.settings, threshold=0.5)
    alike = {(s["unique_id_l"], s["unique_id_r"]): s["match_probability"] for s in scored}
    assert alike[tuple(sorted((victim, harm), key=engine.sort_key))] >= 0.5

    result = actions.score(agency=world.agency, model=model, threshold=0.5, by_name="t")
    assert result.victim_harm >= 1
    suggested = {
        frozenset((link.left_key, link.right_key))
        for link in CandidateLink.objects.filter(agency=world.agency)
    }
    assert frozenset((victim, harm)) not in suggested
    for person in ("sarah", "sam", "lily"):
        police, health = (keys[k] for k, who in TRUE_LINKS.items() if who == person)
        assert frozenset((police, health)) in suggested, person
    # Nobody is linked to Oliver Patel, who is nobody else.
    oliver = keys[("health", "H4")]
    assert not any(oliver in pair for pair in suggested)
    # Each suggestion says why, comparison by comparison.
    pair = sorted((victim, keys[("health", "H1")]), key=engine.sort_key)
    link = CandidateLink.objects.get(left_key=pair[0], right_key=pair[1])
    by_name = {e["comparison"]: e for e in link.evidence}
    assert by_name["Date of birth"]["weight"] > 0
    assert by_name["Family name"]["level"] == "Matches an earlier or other name"

    # Scoring again suggests nothing new: every pair is already known.
    again = actions.score(agency=world.agency, model=model, threshold=0.5, by_name="t")
    assert again.suggested == 0

    # The evaluation against the truth prints its figures.
    truth = tmp_path / "truth.csv"
    lines = ["source,record_id,person"]
    lines += [f"{s},{r},{p}" for s, r, p in generated.truth]
    lines += [f"{s},{r},{p}" for (s, r), p in TRUE_LINKS.items()]
    truth.write_text("\n".join(lines) + "\n")
    call_command("linkage-evaluate", agency=world.agency.name, truth=str(truth))
    out = capsys.readouterr().out
    print(out)
    assert "threshold  pairs  precision  recall  F1" in out
    chosen = next(line for line in out.splitlines() if line.startswith("chosen threshold"))
    f1 = float(chosen.rsplit("F1 ", 1)[1])
    assert f1 > 0.8
    # The people the links make: as a reviewer confirms them, never the victim with the
    # person harming her, however alike.
    assert "People the links make" in out
    people = rules.join_as_confirmed(
        [victim, harm],
        [(s["unique_id_l"], s["unique_id_r"], s["match_probability"]) for s in scored],
        rules.victim_harm_pairs(queries.event_parts(world.agency)),
    )
    assert harm not in people[victim]


def test_persons_held_by_the_agency_take_part(world):
    from tests.factories import PersonFactory

    person = PersonFactory(owning_agency=world.agency, given_name="Sarah", family_name="Jones")
    PersonFactory(owning_agency=world.other_agency, given_name="Sarah", family_name="Jones")
    import_labelled_set(world.agency)
    keys = {p.key for p in queries.linkage_persons(world.agency)}
    assert f"p{person.pk}" in keys
    assert sum(1 for k in keys if k.startswith("p")) == 1


def test_onestorys_own_incidents_keep_a_victim_from_the_person_harming_her(world):
    from onestory.linkage import rules
    from tests.factories import IncidentFactory, PersonFactory

    victim = PersonFactory(owning_agency=world.agency)
    harm = PersonFactory(owning_agency=world.agency)
    IncidentFactory(person=victim).perpetrators.add(harm)
    forbidden = rules.victim_harm_pairs(queries.event_parts(world.agency))
    assert frozenset((f"p{victim.pk}", f"p{harm.pk}")) in forbidden
    # Another agency's incidents are not this agency's linkage's business.
    assert rules.victim_harm_pairs(queries.event_parts(world.other_agency)) == set()
