"""Names of the OpenAPI enum components: each choices class of SRO Hub names its own.

drf-spectacular names an enum after the field (``kind``, ``role``, ``status``) and warns when two
choice sets share a field name (``Organization.kind`` and ``Space.kind``). Naming each enum after
its choices class (``OrganizationKindEnum``, ``SpaceKindEnum``) ends the collisions for every app,
present and future, without a list to keep up to date. Settings use it as
``SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = ProjectEnumNames()``.

This module imports nothing from Django at load time: settings import it before Django is set up.
The classes are looked up on first use, when schema generation has loaded every app.
"""

from collections.abc import Iterator, Mapping
from functools import cached_property

PROJECT_PACKAGE = "srohub."


class ProjectEnumNames(Mapping):
    """``{"OrganizationKindEnum": OrganizationKind, …}`` for every choices class of the project."""

    @cached_property
    def _names(self) -> dict[str, type]:
        return enum_names(project_choices_classes())

    def __getitem__(self, name: str) -> type:
        return self._names[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def project_choices_classes() -> list[type]:
    """Every ``models.Choices`` subclass defined in SRO Hub's own modules, in a stable order."""
    from django.db.models import Choices  # noqa: PLC0415 - Django is not set up when settings load

    found, pending = [], list(Choices.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith(PROJECT_PACKAGE) and list(cls):
            found.append(cls)
    return sorted(found, key=lambda cls: (cls.__module__, cls.__qualname__))


def enum_names(classes: list[type]) -> dict[str, type]:
    """One enum name per distinct choice set: ``<Class>Enum``, or ``<App><Class>Enum`` where two
    apps use the same class name. A choice set defined twice keeps its first name."""
    from drf_spectacular.plumbing import list_hash  # noqa: PLC0415

    class_names = [cls.__name__ for cls in classes]
    names, seen_choice_sets = {}, set()
    for cls in classes:
        choice_set = list_hash([(value, label) for value, label in cls.choices if value not in ("", None)])
        if choice_set in seen_choice_sets:
            continue
        seen_choice_sets.add(choice_set)
        prefix = cls.__module__.split(".")[1].title() if class_names.count(cls.__name__) > 1 else ""
        names[f"{prefix}{cls.__name__}Enum"] = cls
    return names
