"""What the admin pages of every app share: the base admin with the CSV export, a search that
an index can answer, references kept as the API keeps them, read-only inlines that stop at a
number of rows, and links from one record to another."""

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html

from .admin_csv import export_csv


class RecordAdmin(admin.ModelAdmin):
    """The base of every clinicbot model's admin: the CSV export beside Django's delete, forms
    that open with the row's id and references, and no counts beside the filters (on tables of
    millions of rows, each would be a count of its own; a small table may allow them)."""

    actions = [export_csv]
    show_facets = admin.ShowFacets.NEVER

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if obj is not None:
            return inlines
        # A record being added has no rows of its own yet: no empty read-only tables.
        return [inline for inline in inlines if not isinstance(inline, ReadOnlyInline)]

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        opts = self.model._meta
        first = [opts.pk.name, *(f.name for f in opts.concrete_fields if f.is_relation)]
        last = ["created_at", "updated_at"]
        middle = [name for name in fields if name not in first and name not in last]
        return [n for n in first if n in fields] + middle + [n for n in last if n in fields]


class ExactSearchMixin:
    """A search that matches the whole term exactly against each of `search_fields` (ids, the
    chatbot's keys), so that an index answers on tables of millions of rows where Django's
    default, a substring match, would read them all. A field for which the term is not a valid
    value (text where a UUID is expected) is skipped."""

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False

        matches = Q(pk__in=[])
        for path in self.get_search_fields(request):
            field = get_fields_from_path(self.model, path)[-1]
            try:
                value = field.to_python(term)
            except ValidationError:
                continue
            matches |= Q(**{path: value})

        # Matches through forward references only: a row is never found twice.
        return queryset.filter(matches), False


class ReferencesMixin:
    """References kept as the API keeps them.

    `fixed_references` become read-only once the row exists. `derived_references` maps a
    reference to the attribute path it is copied from when the row is added (`{"user":
    "session.user"}`): the add form leaves it out, so that a row never belongs to another user
    than its session's.
    """

    fixed_references = ()
    derived_references = {}

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + list(self.fixed_references) if obj is not None else fields

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or ())
        return excluded + list(self.derived_references) if obj is None else excluded

    def save_model(self, request, obj, form, change):
        if not change:
            for name, path in self.derived_references.items():
                source = obj
                for step in path.split("."):
                    source = getattr(source, step)
                setattr(obj, name, source)
        super().save_model(request, obj, form, change)


class FirstRowsFormSet(BaseInlineFormSet):
    """An inline's rows, read-only and cut at `max_shown` (set by the inline); `has_more` says
    whether some were left out and `full_list_url` where all of them are listed.

    Read-only rows take no part in saving their record: the formset ignores what a page posts,
    is always valid and saves nothing.
    """

    max_shown = 50

    def __init__(self, data=None, files=None, **kwargs):
        super().__init__(**kwargs)

    def is_valid(self):
        return True

    def save(self, commit=True):
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        return []

    def get_queryset(self):
        if not hasattr(self, "_first_rows"):
            rows = list(super().get_queryset()[: self.max_shown + 1])
            self.has_more = len(rows) > self.max_shown
            self._first_rows = rows[: self.max_shown]
        return self._first_rows

    @property
    def full_list_url(self):
        return f"{changelist_url(self.model)}?{self.fk.name}__exact={self.instance.pk}"


class ReadOnlyInline(admin.TabularInline):
    """Rows that belong to a record, shown on its page read-only and each linked to its own
    page (where edits keep the API's rules). At most `max_shown` rows, in `ordering`, with a
    link to the full list when there are more, so that a busy record's page stays light.

    Declare the `fields` shown. Each must come from the row itself or from a reference named
    in `select_related`, so that the inline runs one query whatever its number of rows.
    """

    extra = 0
    can_delete = False
    show_change_link = True
    max_shown = 50
    select_related = ()
    formset = FirstRowsFormSet
    template = "admin/edit_inline/first_rows_tabular.html"

    def get_readonly_fields(self, request, obj=None):
        return list(self.fields)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.select_related)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.max_shown = self.max_shown
        return formset

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def changelist_url(model):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def change_url(model, pk):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])


def link(model, pk, text=None):
    """A link to the admin page of the `model` row `pk`, from its id alone (no query); without
    `text`, it shows the id's first eight characters and the whole id on hover."""
    if pk is None:
        return "-"
    if text is None:
        return format_html(
            '<a href="{}" title="{}">{}…</a>', change_url(model, pk), pk, str(pk)[:8]
        )
    return format_html('<a href="{}">{}</a>', change_url(model, pk), text)
