from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema

RoleName = Literal["client", "freelancer"]


class SignupIn(Schema):
    username: Annotated[str, Field(max_length=150)]
    password: Annotated[str, Field(max_length=128)]
    email: Annotated[str, Field(max_length=254)]
    roles: Annotated[list[RoleName], Field(min_length=1, max_length=2)]
    first_name: Annotated[str, Field(max_length=60)] = ""
    last_name: Annotated[str, Field(max_length=60)] = ""


class TokenIn(Schema):
    username: Annotated[str, Field(max_length=150)]
    password: Annotated[str, Field(max_length=128)]
    name: Annotated[str, Field(max_length=60)] = "API token"


class DeactivateIn(Schema):
    password: Annotated[str, Field(max_length=128)]


class TokenOut(Schema):
    id: int
    token: str


class TokenInfoOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class FreelancerProfileIn(Schema):
    title: Annotated[str, Field(max_length=120)] = ""
    overview: Annotated[str, Field(max_length=5000)] = ""
    skills: Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=15)] = []
    hourly_rate_cents: Annotated[int, Field(ge=100, le=100_000)] | None = None


class FreelancerProfileOut(Schema):
    title: str
    overview: str
    skills: list[str]
    hourly_rate_cents: int | None


class ClientProfileIn(Schema):
    company: Annotated[str, Field(max_length=120)] = ""


class ClientProfileOut(Schema):
    company: str
    payment_verified: bool


class UserOut(Schema):
    id: int
    username: str
    display_name: str
    roles: list[RoleName]
    member_since: datetime
    is_active: bool
    freelancer_profile: FreelancerProfileOut | None
    client_profile: ClientProfileOut | None


class MeOut(UserOut):
    email: str
    is_operator: bool


class SignupOut(Schema):
    user: MeOut
    token: str
