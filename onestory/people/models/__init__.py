"""Persons: one record per person an agency holds, with names, contacts, addresses and links."""

from onestory.people.connections import RelationshipKind
from onestory.people.models.addresses import Address
from onestory.people.models.choices import (
    AddressKind,
    ContactKind,
    DisabilityKind,
    GenderIdentity,
    ImmigrationStatus,
    Involvement,
    NameKind,
    Religion,
    Sex,
    SexualOrientation,
    YesNoPrefer,
)
from onestory.people.models.contacts import ContactMethod, SafeContactPlan
from onestory.people.models.persons import Person, PersonName
from onestory.people.models.relationships import Relationship

__all__ = [
    "Address",
    "AddressKind",
    "ContactKind",
    "ContactMethod",
    "DisabilityKind",
    "GenderIdentity",
    "ImmigrationStatus",
    "Involvement",
    "NameKind",
    "Person",
    "PersonName",
    "Relationship",
    "RelationshipKind",
    "Religion",
    "SafeContactPlan",
    "Sex",
    "SexualOrientation",
    "YesNoPrefer",
]
