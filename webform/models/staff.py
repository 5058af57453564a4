"""Staff accounts of the district alliance offices; passwords stored only as salted hashes.

Every account has a role: a reviewer works through drafts and callback requests; a maintainer may also
open the maintainer pages (the inbox of misunderstood messages, conversation review, labelling and export).
Accounts are reviewers unless made maintainers explicitly (`create-staff NAME --role maintainer`).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from webform.models.base import Base, utcnow
from webform.models.types import UTCDateTime


class StaffRole(StrEnum):
    REVIEWER = "reviewer"
    MAINTAINER = "maintainer"


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    role: Mapped[str] = mapped_column(String(20), default=StaffRole.REVIEWER,
                                      server_default=StaffRole.REVIEWER)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def is_maintainer(self) -> bool:
        return self.role == StaffRole.MAINTAINER

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)
