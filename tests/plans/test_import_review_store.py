"""plans/import_review.py without the bot: what a preview asks, the answers surviving user_data's JSON,
and a save that only maps to the commune's own agencies."""

from __future__ import annotations

import json

from sqlmodel import Session, select

from plans.import_review import ImportChoices, ImportReview, import_review, store_reviewed
from plans.importing import store_plan
from plans.parsing.importer import parse_file
from plans.samples import SAMPLE_PLAN
from storage.db import Database
from storage.models import Agency, AgencyAlias
from tests.support.builders import add_agency, add_organization

GROUPS = ("Các công chức chuyên môn thuộc UBND xã", "Ngành dọc tại xã")


def test_a_new_commune_is_asked_only_about_its_groups(db: Database) -> None:
    parsed = parse_file(SAMPLE_PLAN, filename=SAMPLE_PLAN.name)
    review = db.call(import_review, parsed=parsed, organization_name=None)
    assert review.new_agencies == ()  # nothing to map to yet: every agency is created
    assert review.empty_groups == GROUPS
    assert "Văn phòng HĐND và UBND xã" in review.candidates
    assert not set(GROUPS) & set(review.candidates)
    again = ImportReview.from_json(json.loads(json.dumps(review.to_json())))
    assert again == review
    choices = ImportChoices({0: 5}, {1: [0, 2]})
    assert ImportChoices.from_json(json.loads(json.dumps(choices.to_json()))) == choices


def test_a_mapping_to_another_communes_agency_is_ignored(db: Database) -> None:
    parsed = parse_file(SAMPLE_PLAN, filename=SAMPLE_PLAN.name)
    db.call(store_plan, parsed=parsed, organization_name=None)

    def other_agency(session: Session) -> int:
        other = add_organization(session, "UBND xã Thanh Hà")
        return add_agency(session, other, "Văn phòng")

    foreign = db.call(other_agency)
    review = ImportReview.from_json(
        {"new": [{"written": "Ban Chỉ huy Quân sự xã", "name": "Ban Chỉ huy Quân sự xã", "suggestions": []}]}
    )
    result = db.call(
        store_reviewed,
        parsed=parsed,
        organization_name=None,
        review=review,
        choices=ImportChoices({0: foreign}),
    )
    with db.session() as session:
        assert session.exec(select(AgencyAlias).where(AgencyAlias.agency_id == foreign)).first() is None
        names = [
            a.name
            for a in session.exec(select(Agency).where(Agency.organization_id == result.organization_id))
        ]
    assert "Văn phòng" not in names
