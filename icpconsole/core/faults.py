"""The hook through which the sandbox injects faults (SPEC 4.6), kept in core so that the RPC
facade can ask for a fault without knowing who provides them: the ``simulator`` app registers its
rules here in ``AppConfig.ready()``. Without a registered provider nothing is ever injected."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Fault:
    """An error to answer instead of doing the call (``code`` in the interface's own vocabulary:
    an Alibaba Cloud code for the RPC facade, an API code for REST)."""

    code: str
    status: int
    message: str


Provider = Callable[..., Fault | None]
_provider: Provider | None = None


def register(provider: Provider | None) -> None:
    global _provider
    _provider = provider


def inject(target: str, *, interface: str, caller=None, access_key_id: str = "") -> Fault | None:
    """The fault to answer for ``target`` (an RPC action or a REST route name) on ``interface``
    (``"rpc"`` or ``"rest"``), after any latency the rules ask for; ``None`` to go on. Asked once
    the caller is authenticated: ``caller`` is the login (``None`` for an anonymous call to a
    public route), ``access_key_id`` the RPC call's AccessKey, so that a rule may name either."""
    if _provider is None:
        return None
    return _provider(target, interface, caller=caller, access_key_id=access_key_id)
