"""Check call parameters against the spec, recursively, and decode them like Telegram does."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .constraints import apply_constraints
from .errors import ApiError, bad_request
from .spec import ApiSpec, Definition

_INT = re.compile(r"-?\d+")
# Telegram still accepts plain strings where these objects replaced them (and aiogram sends them).
STRING_COMPAT = frozenset({"InputPollOption"})
_BOOLS = {"true": True, "false": False, "1": True, "0": False}


@dataclass
class Upload:
    """A file sent with multipart/form-data."""

    filename: str
    content_type: str
    data: bytes


class _Mismatch(Exception):
    """The value is not of this alternative's type (try the next alternative)."""


@dataclass
class _Ctx:
    """Per-call state: the uploaded multipart files by part name."""

    uploads: dict[str, Upload]


@dataclass
class Validator:
    """Validates calls against one ApiSpec."""

    spec: ApiSpec
    strict_ampersand: bool = True

    def validate(
        self, method: Definition, raw: dict[str, Any], uploads: dict[str, Upload]
    ) -> dict[str, Any]:
        """Return the decoded parameters or raise ApiError(400, ...)."""
        ctx = _Ctx(uploads)
        for name in raw:
            if name not in method.fields:
                raise bad_request(f'unknown parameter "{name}"')
        for f in method.fields.values():
            if f.required and f.name not in raw:
                detail = {"chat_id": "chat_id is empty", "text": "message text is empty"}
                raise bad_request(detail.get(f.name, f'parameter "{f.name}" is required'))
        params = {
            name: self.check(value, method.fields[name].types, name, ctx, top=True)
            for name, value in raw.items()
        }
        apply_constraints(method, params, "", top=True, strict=self.strict_ampersand)
        return params

    def check(self, value: Any, types: tuple[str, ...], path: str, ctx: _Ctx, top: bool) -> Any:
        """Check a value against a union of type expressions."""
        if top and isinstance(value, str) and any(self._structured(t) for t in types):
            try:
                decoded = json.loads(value)
            except ValueError:
                if "String" not in types and "InputFile" not in types:
                    raise bad_request(f'can\'t parse JSON object in field "{path}"') from None
            else:
                if isinstance(decoded, dict | list) or "String" not in types:
                    value = decoded
        first_error: ApiError | None = None
        for t in sorted(types, key=lambda t: -self._score(value, t)):
            try:
                return self.check_one(value, t, path, ctx, top)
            except _Mismatch:
                continue
            except ApiError as exc:
                first_error = first_error or exc
        if first_error:
            raise first_error
        raise bad_request(f'field "{path}" must be of type {" or ".join(types)}')

    def _structured(self, t: str) -> bool:
        """Objects and arrays travel as JSON strings in form fields."""
        return t.startswith("Array of") or self.spec.is_object(t)

    def _score(self, value: Any, t: str) -> int:
        """How well a value fits an alternative, so errors come from the intended one."""
        if t.startswith("Array of"):
            return self._score(value[0], t[9:]) if isinstance(value, list) and value else 0
        tdef = self.spec.types.get(t)
        if not isinstance(value, dict) or tdef is None:
            return 1 if t in ("Integer", "InputFile") else 0
        if tdef.subtypes:
            return max((self._score(value, s) for s in tdef.subtypes), default=0)
        known = sum(1 for k in value if k in tdef.fields)
        consts = [f for f in tdef.fields.values() if f.const]
        if any(value.get(f.name) != f.const for f in consts):
            return 0
        missing = sum(1 for f in tdef.fields.values() if f.required and f.name not in value)
        return 100 * known - 1000 * missing + 10000 * len(consts)

    def check_one(self, value: Any, t: str, path: str, ctx: _Ctx, top: bool) -> Any:
        """Check a value against one type expression."""
        if t.startswith("Array of "):
            if not isinstance(value, list):
                raise _Mismatch
            return [
                self.check(v, (t[9:],), f"{path}[{i}]", ctx, False) for i, v in enumerate(value)
            ]
        if t == "Integer" and not isinstance(value, bool):
            if isinstance(value, int):
                return value
            if top and isinstance(value, str) and _INT.fullmatch(value.strip()):
                return int(value)
        elif t == "Float" and not isinstance(value, bool):
            if isinstance(value, int | float):
                return float(value)
            if top and isinstance(value, str):
                try:
                    return float(value)
                except ValueError:
                    pass
        elif t in ("Boolean", "True"):
            if isinstance(value, bool):
                return value
            if top and isinstance(value, str) and value.lower() in _BOOLS:
                return _BOOLS[value.lower()]
        elif t == "String":
            if isinstance(value, str):
                return value
            if top and isinstance(value, int | float) and not isinstance(value, bool):
                return str(value)
        elif t == "InputFile":
            return self.input_file(value, path, ctx)
        elif (tdef := self.spec.types.get(t)) is not None:
            return self.check_object(value, tdef, path, ctx)
        raise _Mismatch

    def input_file(self, value: Any, path: str, ctx: _Ctx) -> Upload:
        """An uploaded part, directly or as "attach://<name>"."""
        if isinstance(value, Upload):
            return value
        if isinstance(value, str) and value.startswith("attach://"):
            name = value[len("attach://") :]
            if name not in ctx.uploads:
                raise bad_request(f'file "{value}" for field "{path}" was not uploaded')
            return ctx.uploads[name]
        raise _Mismatch

    def check_object(self, value: Any, tdef: Definition, path: str, ctx: _Ctx) -> Any:
        """Check a JSON object against an object type (or one of its subtypes)."""
        if isinstance(value, str) and (tdef.string_ok or tdef.name in STRING_COMPAT):
            return value
        if tdef.subtypes:
            tag = self.spec.tag_of(tdef.name)
            if tag and isinstance(value, dict) and tag in value:
                subs = self.spec.discriminated(tdef.name, tag, value[tag])
                if not subs:
                    raise bad_request(f'unsupported {tag} "{value[tag]}" in field "{path}"')
                return self.check(value, tuple(subs), path, ctx, False)
            return self.check(value, tdef.subtypes, path, ctx, False)
        if not isinstance(value, dict):
            raise _Mismatch
        for key in value:
            if key not in tdef.fields:
                raise bad_request(f'field "{path}.{key}" is not a field of {tdef.name}')
        for f in tdef.fields.values():
            if f.required and f.name not in value:
                raise bad_request(f'field "{path}.{f.name}" of {tdef.name} is required')
        checked = {
            k: self.check(v, tdef.fields[k].types, f"{path}.{k}", ctx, False)
            for k, v in value.items()
        }
        apply_constraints(tdef, checked, path + ".", top=False, strict=self.strict_ampersand)
        return checked
