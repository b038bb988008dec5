using FluentValidation;
using Kap.Application.Common.Interfaces;
using Kap.Domain.Auditing;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Audit;

/// <summary>
/// What the audit viewer and its export select. <see cref="PatientName"/> is matched (contains) against patients' legal
/// and preferred names and resolves to their ids; <see cref="Action"/> is exact, or a prefix when it ends in <c>*</c>
/// ("Record*"); <see cref="From"/>/<see cref="To"/> are whole days in the clinic's time zone, inclusive.
/// </summary>
public sealed record AuditFilter(
    Guid? PatientId = null,
    string? PatientName = null,
    Guid? UserId = null,
    string? Action = null,
    DateOnly? From = null,
    DateOnly? To = null,
    bool? Success = null)
{
    public const int MaxTextLength = 100;
}

public sealed class AuditFilterValidator : AbstractValidator<AuditFilter>
{
    public AuditFilterValidator()
    {
        RuleFor(f => f.PatientName).MaximumLength(AuditFilter.MaxTextLength);
        RuleFor(f => f.Action).MaximumLength(AuditFilter.MaxTextLength);
        RuleFor(f => f.From).InclusiveBetween(Ledger.SaneDates.Earliest, Ledger.SaneDates.Latest).When(f => f.From is not null).WithMessage(Ledger.SaneDates.Message);
        RuleFor(f => f.To).InclusiveBetween(Ledger.SaneDates.Earliest, Ledger.SaneDates.Latest).When(f => f.To is not null).WithMessage(Ledger.SaneDates.Message);
        RuleFor(f => f.To).GreaterThanOrEqualTo(f => f.From).When(f => f.From is not null && f.To is not null)
            .WithMessage("The end date must be on or after the start date.");
    }
}

/// <summary>One line of the audit trail as the viewer shows it, with the patient's name looked up for display.</summary>
public sealed record AuditEntryDto(
    long Id,
    long? Sequence,
    DateTime AtUtc,
    Guid? UserId,
    string? UserName,
    string? Roles,
    string Action,
    string? EntityType,
    Guid? EntityId,
    Guid? PatientId,
    string? PatientName,
    bool Success,
    string? Outcome);

internal static class AuditRows
{
    /// <summary>The entries <paramref name="filter"/> selects, newest first.</summary>
    public static IQueryable<AuditEntry> Query(IKapDbContext db, AuditFilter filter, TimeZoneInfo zone)
    {
        var rows = db.AuditEntries.AsNoTracking();
        if (filter.PatientId is { } patientId)
        {
            rows = rows.Where(a => a.PatientId == patientId);
        }

        if (!string.IsNullOrWhiteSpace(filter.PatientName))
        {
            // LIKE, not Contains: case-insensitive on SQLite (ASCII) as on SQL Server's default collation.
            var pattern = "%" + filter.PatientName.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal) + "%";
            var ids = db.Patients.Where(p => EF.Functions.Like(p.LegalName, pattern, "\\") || (p.PreferredName != null && EF.Functions.Like(p.PreferredName, pattern, "\\")))
                .Select(p => (Guid?)p.Id);
            rows = rows.Where(a => ids.Contains(a.PatientId));
        }

        if (filter.UserId is { } userId)
        {
            rows = rows.Where(a => a.UserId == userId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            if (action.EndsWith('*'))
            {
                var prefix = action.TrimEnd('*');
                rows = rows.Where(a => a.Action.StartsWith(prefix));
            }
            else
            {
                rows = rows.Where(a => a.Action == action);
            }
        }

        if (filter.From is { } from)
        {
            var fromUtc = WallClock.ToUtc(from.ToDateTime(TimeOnly.MinValue), zone);
            rows = rows.Where(a => a.AtUtc >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = WallClock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
            rows = rows.Where(a => a.AtUtc < toUtc);
        }

        if (filter.Success is { } success)
        {
            rows = rows.Where(a => a.Success == success);
        }

        return rows.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id);
    }

    /// <summary>The entries of one page (or export) with the patients' display names.</summary>
    public static async Task<List<AuditEntryDto>> WithPatientNamesAsync(IKapDbContext db, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var ids = entries.Where(e => e.PatientId is not null).Select(e => e.PatientId!.Value).Distinct().ToList();
        var names = ids.Count == 0
            ? []
            : await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id))
                .Select(p => new { p.Id, Name = p.PreferredName == null ? p.LegalName : p.PreferredName + " (" + p.LegalName + ")" })
                .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return entries.Select(e => new AuditEntryDto(e.Id, e.Sequence, e.AtUtc, e.UserId, e.UserName, e.Roles, e.Action, e.EntityType, e.EntityId,
            e.PatientId, e.PatientId is { } p && names.TryGetValue(p, out var n) ? n : null, e.Success, e.Outcome)).ToList();
    }
}
