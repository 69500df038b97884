"""People, roles, second factors and the audit trail in the Django admin. Every change passes
through the secretariat's edit service and leaves an audit entry (a private one: people's
accounts do not move the public data version); the audit trail itself is read-only."""

from typing import Any

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from sinergia.accounts.admin_support import ReadOnlyAdmin, ServiceAdmin, ServiceAdminMixin
from sinergia.accounts.models import AuditEntry, RoleAssignment
from sinergia.accounts.services import audit_record


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ServiceAdmin):
    list_display = ["user", "role", "country", "mechanism"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "country", "mechanism"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "action", "object_type", "object_id", "summary"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "summary", "object_id"]
    date_hierarchy = "at"


User = get_user_model()
for model in (User, Group, TOTPDevice, AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(User)
class SinergiaUserAdmin(ServiceAdminMixin, UserAdmin):
    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # Django's own form sets the password; the change is audited in its transaction.
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = User._default_manager.get(pk=id)
                audit_record(actor=request.user, action="account.password_set", target=user)
        return response


@admin.register(Group)
class SinergiaGroupAdmin(ServiceAdminMixin, GroupAdmin):
    pass


@admin.register(TOTPDevice)
class SinergiaTOTPDeviceAdmin(ServiceAdminMixin, TOTPDeviceAdmin):
    pass


@admin.register(AccessAttempt)
class SinergiaAccessAttemptAdmin(ServiceAdminMixin, AccessAttemptAdmin):
    actions: list[Any] = []  # a locked-out pair is released by deleting its attempt


@admin.register(AccessLog)
class SinergiaAccessLogAdmin(ServiceAdminMixin, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class SinergiaAccessFailureLogAdmin(ServiceAdminMixin, AccessFailureLogAdmin):
    pass
