"""What a running API needs, built once per app: settings, sessions, store and task sender."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from api.shared.ttl_memo import TtlMemo
from config import Settings
from pipeline.dispatch import Sender
from storage import ObjectStore

if TYPE_CHECKING:
    from api.auth.throttle import SignInThrottle


@dataclass
class AppContext:
    settings: Settings
    sessions: sessionmaker[Session]
    store: ObjectStore
    send_task: Sender
    throttle: SignInThrottle
    memo: TtlMemo = field(default_factory=TtlMemo)  # rarely changing, costly answers (api.shared.ttl_memo)
