"""The shared machinery of the REST API: scoped viewsets with separate input and output
serializers, scoped related fields and filters, and one exception handler that turns every
service error into a clear answer (400 with field messages, 403, 404, 409) — never a 500."""

import copy
import functools

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from srohub.core.errors import Conflict
from srohub.core.scoping import VIEW

# The largest value every supported database keeps in a positive integer column: SQLite would
# take more, PostgreSQL would not, so the API refuses it on both.
PORTABLE_POSITIVE_INT_MAX = 2_147_483_647
# The largest record id (a bigint primary key): a larger number names no record, and the database
# would refuse it as a parameter rather than find nothing.
LARGEST_ID = 2**63 - 1


def exception_handler(exc, context):
    """Map service errors to HTTP: validation → 400, conflict → 409, and DRF's own handling."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_validation_detail(exc))
    elif isinstance(exc, Conflict):
        return _conflict(exc.message)
    elif isinstance(exc, ProtectedError | RestrictedError):
        return _conflict(_("This record is still in use by other records; remove or change those first."))
    elif isinstance(exc, IntegrityError):
        # A concurrent write won a race the service had checked for: the caller may retry.
        return _conflict(_("This conflicts with a record saved at the same time. Reload and try again."))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)


def _conflict(message) -> Response:
    return Response({"detail": str(message), "code": "conflict"}, status=status.HTTP_409_CONFLICT)


def _validation_detail(exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [str(m) for m in messages]
            for field, messages in exc.message_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


def _visible_queryset(model, request):
    return model.objects.visible_to(getattr(request, "user", None), VIEW)


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related id in input, accepted only when the caller may see that record.

    An id from another program or school reads as "does not exist": the caller learns nothing.
    """

    def __init__(self, model, **kwargs):
        self.scoped_model = model
        kwargs.setdefault("queryset", model.objects.none())
        super().__init__(**kwargs)

    def get_queryset(self):
        return _visible_queryset(self.scoped_model, self.context.get("request"))

    def to_internal_value(self, data):
        # 1.5 would otherwise be truncated to id 1 by the database lookup.
        if isinstance(data, float):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


def scoped_filter(model, **kwargs) -> django_filters.ModelChoiceFilter:
    """A filter on a related id that accepts only records the caller may see.

    Another program's id is refused exactly like an id that does not exist, so a filter cannot be
    used to probe which ids exist elsewhere.
    """
    return django_filters.ModelChoiceFilter(
        queryset=lambda request: _visible_queryset(model, request), **kwargs
    )


class CheapFieldCopies:
    """A serializer whose fields are copied from their declarations cheaply, not deep-copied.

    DRF builds every serializer's fields afresh on each use (``copy.deepcopy`` of the declared
    fields): on the tip intake that was one call in seven of the whole request, most of it copying
    choice lists. Each field is still a new, unbound instance. A plain field declared with immutable
    arguments (the most common kind: a CharField with a max_length, a ChoiceField) is a copy of the
    declared instance's attributes, with its own validator list: what ``__init__`` would build from
    the same arguments, without running it (running it was still one request's time in ten).
    Any other field is re-created from its declaration's arguments, as ``Field.__deepcopy__``
    re-creates it, without deep-copying the arguments nothing changes (choices, help texts,
    validators…); nested serializers, fields with a child, related fields (their queryset), and
    mutable defaults are still deep-copied.
    """

    SHARED_ARGUMENTS = frozenset({"choices", "help_text", "label", "validators", "regex", "source", "style"})

    def get_fields(self):
        return {name: _fresh_field(field, self.SHARED_ARGUMENTS) for name, field in self._declared_fields.items()}


def _fresh_field(field, shared: frozenset):
    if isinstance(field, serializers.BaseSerializer):
        return copy.deepcopy(field)
    if _copied_as_is(field, shared):
        fresh = object.__new__(field.__class__)
        fresh.__dict__.update(field.__dict__)
        if "_validators" in fresh.__dict__:  # a list: a use that adds a validator keeps it to itself
            fresh._validators = list(fresh._validators)
        return fresh
    args = [_copy_unless_immutable(item) for item in field._args]
    kwargs = {key: value if key in shared else _copy_unless_immutable(value) for key, value in field._kwargs.items()}
    return field.__class__(*args, **kwargs)


@functools.cache
def _copied_as_is(field, shared: frozenset) -> bool:
    """Whether a declared field's attributes can be copied as they are: nothing in it would be
    deep-copied (no nested field, no queryset, no mutable argument) and it was never bound.
    Declared fields live as long as their serializer class, so the answer is kept."""
    if field.field_name is not None or hasattr(field, "child") or hasattr(field, "child_relation"):
        return False
    if isinstance(field, serializers.RelatedField):
        return False
    return all(isinstance(item, _IMMUTABLE) for item in field._args) and all(
        key in shared or isinstance(value, _IMMUTABLE) for key, value in field._kwargs.items()
    )


def _copy_unless_immutable(value):
    return value if isinstance(value, _IMMUTABLE) else copy.deepcopy(value)


_IMMUTABLE = (str, int, float, bool, type(None), Promise)


class InputSerializer(CheapFieldCopies, serializers.Serializer):
    """Base for write payloads; ``version`` (optional) guards against overwriting someone's edit."""

    version = serializers.IntegerField(
        required=False, min_value=1, max_value=PORTABLE_POSITIVE_INT_MAX, write_only=True,
        help_text="The version you read; a stale one gets 409.",
    )


class ScopedQuerysetMixin:
    """Every list and detail reads through the choke point, in the model's own order."""

    model = None
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user, VIEW)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset.order_by(*self.model._meta.ordering or ["pk"])


class ScopedViewSet(ScopedQuerysetMixin, viewsets.ModelViewSet):
    """CRUD over a scoped model, with every write delegated to a service.

    Subclasses set ``model``, ``output_serializer_class``, ``input_serializer_class`` and implement
    ``perform_service_create(data)``, ``perform_service_update(instance, data, version)`` and, when
    deletion is allowed, ``perform_service_destroy(instance)``.
    """

    output_serializer_class: type[serializers.Serializer]
    input_serializer_class: type[serializers.Serializer] | None = None
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"} and self.input_serializer_class:
            return self.input_serializer_class
        return self.output_serializer_class

    def output(self, instance, status_code=status.HTTP_200_OK):
        serializer = self.output_serializer_class(instance, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        instance = self.perform_service_create(data)
        return self.output(instance, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        instance = self.perform_service_update(instance, data, version)
        return self.output(instance)

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        if not hasattr(self, "perform_service_destroy"):
            raise exceptions.MethodNotAllowed(request.method)
        self.perform_service_destroy(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def perform_service_create(self, data):  # pragma: no cover - every subclass defines it
        raise exceptions.MethodNotAllowed("POST")

    def perform_service_update(self, instance, data, version):  # pragma: no cover
        raise exceptions.MethodNotAllowed("PUT")


class ReadOnlyScopedViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """Read-only listing and detail through the choke point."""
