using System.Globalization;
using System.Text;
using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Ledger;
using Kap.Domain.Auditing;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Audit;

/// <summary>
/// The audit entries <see cref="Filter"/> selects as CSV (newest first; at most <see cref="MaxRows"/>, else narrow the
/// filters), with each entry's sequence and hash so an export can be checked against the chain later. Times in the
/// clinic's zone and in UTC; text cells that a spreadsheet would run as a formula are prefixed with a quote. Audited.
/// </summary>
[RequiresPolicy(KapPolicies.Admin)]
public sealed record ExportAuditCsvQuery(AuditFilter Filter) : IQuery<Result<AuditCsvFile>>, IReadsHealthInformation
{
    public const int MaxRows = 100_000;
}

public sealed record AuditCsvFile(string FileName, string Content, int Rows);

public sealed class ExportAuditCsvValidator : AbstractValidator<ExportAuditCsvQuery>
{
    public ExportAuditCsvValidator() => RuleFor(q => q.Filter).NotNull().SetValidator(new AuditFilterValidator());
}

public sealed class ExportAuditCsvHandler(IOperationContext context, IOptions<ClinicOptions> clinic, TimeProvider clock)
    : IQueryHandler<ExportAuditCsvQuery, Result<AuditCsvFile>>
{
    public static readonly IReadOnlyList<string> Header =
    [
        "Entry id", "Sequence", "Date/time (clinic)", "Clinic time zone", "Date/time (UTC)", "User id", "User", "Roles", "Action", "Entity type", "Entity id",
        "Patient id", "Patient", "Success", "Outcome", "Previous hash", "Hash",
    ];

    public async ValueTask<Result<AuditCsvFile>> Handle(ExportAuditCsvQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        op.Subject(nameof(AuditEntry), null, query.Filter.PatientId);
        var zone = clinic.Value.GetTimeZone();
        var rows = AuditRows.Query(op.Db, query.Filter, zone);
        if (await rows.CountAsync(cancellationToken) > ExportAuditCsvQuery.MaxRows)
        {
            return Error.Rule($"More than {ExportAuditCsvQuery.MaxRows:N0} entries match: narrow the filters (e.g. a shorter date range) and export again.");
        }

        var entries = await rows.ToListAsync(cancellationToken);
        var hashes = entries.ToDictionary(e => e.Id, e => (e.PreviousHash, e.Hash));
        var csv = new StringBuilder();
        Csv.AppendRow(csv, Header);
        foreach (var r in await AuditRows.WithPatientNamesAsync(op.Db, entries, cancellationToken))
        {
            Csv.AppendRow(csv,
            [
                r.Id.ToString(CultureInfo.InvariantCulture),
                r.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "",
                Csv.Number(WallClock.ToLocal(r.AtUtc, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                clinic.Value.TimeZone,
                Csv.Number(r.AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                r.UserId?.ToString() ?? "",
                Csv.Text(r.UserName),
                Csv.Text(r.Roles),
                Csv.Text(r.Action),
                Csv.Text(r.EntityType),
                r.EntityId?.ToString() ?? "",
                r.PatientId?.ToString() ?? "",
                Csv.Text(r.PatientName),
                r.Success ? "yes" : "no",
                Csv.Text(r.Outcome),
                hashes[r.Id].PreviousHash ?? "",
                hashes[r.Id].Hash ?? "",
            ]);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"audit-trail_{clock.GetUtcNow():yyyy-MM-dd'T'HHmmss'Z'}.csv");
        return new AuditCsvFile(name, csv.ToString(), entries.Count);
    }
}
