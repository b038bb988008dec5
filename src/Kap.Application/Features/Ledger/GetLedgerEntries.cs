using FluentValidation;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Ledger;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Ledger;

/// <summary>
/// The ledger's entries from <see cref="From"/> to <see cref="To"/> (whole days in the clinic's time zone), oldest
/// first, optionally for one lot. Paged: at most <see cref="MaxPageSize"/> (1,000) rows per request; the export
/// gives the whole range at once. Administrations name the patient, so the read is audited.
/// </summary>
[RequiresPolicy(KapPolicies.ControlledSubstances)]
public sealed record GetLedgerEntriesQuery(DateOnly From, DateOnly To, Guid? LotId = null, int Page = 1, int PageSize = GetLedgerEntriesQuery.DefaultPageSize)
    : IQuery<Result<PagedList<LedgerEntryDto>>>, IReadsHealthInformation
{
    public const int DefaultPageSize = 200;
    public const int MaxPageSize = 1000;
}

/// <summary>One ledger line with the names and lot details an inspector reads; receipt fields are set on receipts only.</summary>
public sealed record LedgerEntryDto(
    Guid Id,
    DateTime AtUtc,
    LedgerEntryKind Kind,
    Guid LotId,
    string LotNumber,
    Substance Substance,
    DosageForm Form,
    decimal StrengthMgPerMl,
    DateOnly ExpiresOn,
    decimal QuantityMg,
    decimal QuantityMl,
    string? By,
    string? FirstWitness,
    string? SecondWitness,
    string? Patient,
    string? Manner,
    string? Form41Reference,
    Guid? CorrectsEntryId,
    string? Reason,
    string? SupplierName,
    string? SupplierAddress,
    string? SupplierDeaNumber,
    decimal? VolumeMlPerContainer,
    int? ContainersReceived);

public sealed class GetLedgerEntriesValidator : AbstractValidator<GetLedgerEntriesQuery>
{
    public GetLedgerEntriesValidator()
    {
        RuleFor(x => x.From).InclusiveBetween(SaneDates.Earliest, SaneDates.Latest).WithMessage(SaneDates.Message);
        RuleFor(x => x.To).InclusiveBetween(SaneDates.Earliest, SaneDates.Latest).WithMessage(SaneDates.Message);
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).WithMessage("The end date must be on or after the start date.");
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, GetLedgerEntriesQuery.MaxPageSize)
            .WithMessage($"At most {GetLedgerEntriesQuery.MaxPageSize:N0} entries are shown at a time; use the export for more.");
    }
}

public sealed class GetLedgerEntriesHandler(IOperationContext context, IOptions<ClinicOptions> clinic)
    : IQueryHandler<GetLedgerEntriesQuery, Result<PagedList<LedgerEntryDto>>>
{
    public async ValueTask<Result<PagedList<LedgerEntryDto>>> Handle(GetLedgerEntriesQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        op.Subject(nameof(LedgerEntry), null, null);
        var (fromUtc, toUtc) = LedgerRows.UtcRange(query.From, query.To, clinic.Value.GetTimeZone());
        var rows = LedgerRows.Query(op.Db, fromUtc, toUtc, query.LotId);
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return new PagedList<LedgerEntryDto>(items, query.Page, query.PageSize, total);
    }
}

internal static class LedgerRows
{
    /// <summary>Midnight at the start of <paramref name="from"/> to midnight after <paramref name="to"/>, clinic time, as UTC instants.</summary>
    public static (DateTime FromUtc, DateTime ToUtc) UtcRange(DateOnly from, DateOnly to, TimeZoneInfo zone) =>
        (WallClock.ToUtc(from.ToDateTime(TimeOnly.MinValue), zone), WallClock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone));

    public static IQueryable<LedgerEntryDto> Query(IKapDbContext db, DateTime fromUtc, DateTime toUtc, Guid? lotId)
    {
        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.AtUtc >= fromUtc && e.AtUtc < toUtc);
        if (lotId is { } id)
        {
            entries = entries.Where(e => e.LotId == id);
        }

        return from e in entries
               join l in db.StockLots on e.LotId equals l.Id
               orderby e.AtUtc, e.Id
               select new LedgerEntryDto(
                   e.Id,
                   e.AtUtc,
                   e.Kind,
                   l.Id,
                   l.LotNumber,
                   l.Substance,
                   l.Form,
                   l.StrengthMgPerMl,
                   l.ExpiresOn,
                   e.QuantityMg,
                   e.QuantityMl,
                   db.Users.Where(u => u.Id == e.ByUserId).Select(u => u.DisplayName).FirstOrDefault(),
                   db.Users.Where(u => u.Id == e.FirstWitnessId).Select(u => u.DisplayName).FirstOrDefault(),
                   db.Users.Where(u => u.Id == e.SecondWitnessId).Select(u => u.DisplayName).FirstOrDefault(),
                   db.Patients.Where(p => p.Id == e.PatientId).Select(p => p.LegalName).FirstOrDefault(),
                   e.Manner,
                   e.Form41Reference,
                   e.CorrectsEntryId,
                   e.Reason,
                   e.Kind == LedgerEntryKind.Receipt ? l.SupplierName : null,
                   e.Kind == LedgerEntryKind.Receipt ? l.SupplierAddress : null,
                   e.Kind == LedgerEntryKind.Receipt ? l.SupplierDeaNumber : null,
                   e.Kind == LedgerEntryKind.Receipt ? l.VolumeMlPerContainer : null,
                   e.Kind == LedgerEntryKind.Receipt ? l.ContainersReceived : null);
    }
}
