"""Application services: the only API the GUI and the CLI call.

Each service owns its transactions (one unit of work per call), checks permissions, and returns
plain frozen dataclasses, never ORM objects, so screens never touch SQL. Writes follow one contract
(services.contract): marked `@write`, one transaction, an explicit actor, and a result whose
`changed` the GUI's runner publishes as one refresh signal.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from fieldapp.core.permissions import Actor
from fieldapp.services.contract import Changed, ContractError, Done, Service, write
from fieldapp.store.db import Store

if TYPE_CHECKING:
    from fieldapp.services.attendance import AttendanceService
    from fieldapp.services.bodies import BodiesService
    from fieldapp.services.certificates import CertificatesService
    from fieldapp.services.dashboard import DashboardService
    from fieldapp.services.desk import DeskService
    from fieldapp.services.events import EventsService
    from fieldapp.services.gifts import GiftsService
    from fieldapp.services.organisation import OrganisationService
    from fieldapp.services.people import PeopleService
    from fieldapp.services.review import ReviewService
    from fieldapp.services.roster_import import RosterImportService
    from fieldapp.services.search import SearchService
    from fieldapp.services.settings import SettingsService
    from fieldapp.services.setup import SetupService
    from fieldapp.services.sync_round import SyncService
    from fieldapp.services.sync_state import SyncStateService
    from fieldapp.services.users import UsersService
    from fieldapp.services.visits import VisitsService
    from fieldapp.services.volunteer_record import VolunteerRecordService


__all__ = ["Changed", "ContractError", "Done", "Service", "Services", "write"]


class Services:
    """All services over one open store, acting as one actor.

    The actor is always named by the caller: a signed-in user, the CLI's local actor, or None
    while nobody is signed in (reads only: a write then raises ContractError).
    """

    def __init__(self, store: Store, actor: Actor | None) -> None:
        self.store = store
        self.actor = actor

    def as_user(self, actor: Actor | None) -> Services:
        return Services(self.store, actor)

    @cached_property
    def organisation(self) -> OrganisationService:
        from fieldapp.services.organisation import OrganisationService

        return OrganisationService(self)

    @cached_property
    def people(self) -> PeopleService:
        from fieldapp.services.people import PeopleService

        return PeopleService(self)

    @cached_property
    def search(self) -> SearchService:
        from fieldapp.services.search import SearchService

        return SearchService(self)

    @cached_property
    def roster_import(self) -> RosterImportService:
        from fieldapp.services.roster_import import RosterImportService

        return RosterImportService(self)

    @cached_property
    def events(self) -> EventsService:
        from fieldapp.services.events import EventsService

        return EventsService(self)

    @cached_property
    def attendance(self) -> AttendanceService:
        from fieldapp.services.attendance import AttendanceService

        return AttendanceService(self)

    @cached_property
    def gifts(self) -> GiftsService:
        from fieldapp.services.gifts import GiftsService

        return GiftsService(self)

    @cached_property
    def visits(self) -> VisitsService:
        from fieldapp.services.visits import VisitsService

        return VisitsService(self)

    @cached_property
    def bodies(self) -> BodiesService:
        from fieldapp.services.bodies import BodiesService

        return BodiesService(self)

    @cached_property
    def volunteer_record(self) -> VolunteerRecordService:
        from fieldapp.services.volunteer_record import VolunteerRecordService

        return VolunteerRecordService(self)

    @cached_property
    def users(self) -> UsersService:
        from fieldapp.services.users import UsersService

        return UsersService(self)

    @cached_property
    def settings(self) -> SettingsService:
        from fieldapp.services.settings import SettingsService

        return SettingsService(self)

    @cached_property
    def certificates(self) -> CertificatesService:
        from fieldapp.services.certificates import CertificatesService

        return CertificatesService(self)

    @cached_property
    def setup(self) -> SetupService:
        from fieldapp.services.setup import SetupService

        return SetupService(self)

    @cached_property
    def dashboard(self) -> DashboardService:
        from fieldapp.services.dashboard import DashboardService

        return DashboardService(self)

    @cached_property
    def desk(self) -> DeskService:
        from fieldapp.services.desk import DeskService

        return DeskService(self)

    @cached_property
    def sync_state(self) -> SyncStateService:
        from fieldapp.services.sync_state import SyncStateService

        return SyncStateService(self)

    @cached_property
    def sync(self) -> SyncService:
        from fieldapp.services.sync_round import SyncService

        return SyncService(self)

    @cached_property
    def review(self) -> ReviewService:
        from fieldapp.services.review import ReviewService

        return ReviewService(self)
