using Bunit;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Ledger;
using Kap.Domain.Ledger;
using Kap.Web.Tests.Infrastructure;
using LedgerPage = Kap.Web.Components.Pages.Ledger.Ledger;

namespace Kap.Web.Tests.Components.Pages.Ledger;

public sealed class LedgerPageTests : KapComponentTest
{
    private static readonly Guid RacemicLot = Guid.NewGuid();
    private static readonly Guid ExpiredLot = Guid.NewGuid();
    private static readonly Guid WasteEntry = Guid.NewGuid();

    private static readonly StockLotDto Racemic = new(RacemicLot, Substance.RacemicKetamine, DosageForm.InjectableSolution, 50m, 10m, 10, "KET-0426",
        new DateOnly(2028, 4, 30), false, Now.UtcDateTime.AddDays(-30), "Demo Pharma Supply", 5000m, 4962.5m, 99.25m,
        Now.UtcDateTime.AddDays(-1), 4970m, CountTiming.CloseOfBusiness, false);

    private static readonly StockLotDto Expired = new(ExpiredLot, Substance.Esketamine, DosageForm.NasalSpray, 140m, 0.2m, 24, "ESK-0811",
        new DateOnly(2026, 11, 1), true, Now.UtcDateTime.AddDays(-400), "Demo Pharma Supply", 672m, 672m, 4.8m, null, null, null, null);

    private static readonly LedgerEntryDto Waste = new(WasteEntry, Now.UtcDateTime.AddHours(-2), LedgerEntryKind.Waste, RacemicLot, "KET-0426", Substance.RacemicKetamine,
        DosageForm.InjectableSolution, 50m, new DateOnly(2028, 4, 30), 7.5m, 0.15m, "Jordan Lee, PMHNP", "Taylor Brooks, PMHNP", null, null, "Drug disposal system",
        null, null, null, null, null, null, null, null);

    public LedgerPageTests()
    {
        SignInAs("Jordan Lee, PMHNP", KapRoles.NursePractitioner, KapPolicies.Staff, KapPolicies.Clinician, KapPolicies.Prescriber, KapPolicies.ControlledSubstances);
        Sender.On<GetStockQuery, Result<IReadOnlyList<StockLotDto>>>(_ => Result<IReadOnlyList<StockLotDto>>.Success([Racemic, Expired]));
        Sender.On<GetLedgerEntriesQuery, Result<PagedList<LedgerEntryDto>>>(q => new PagedList<LedgerEntryDto>([Waste], q.Page, q.PageSize, 1));
    }

    [Fact]
    public void The_stock_table_shows_each_lots_balance_expiry_and_last_count()
    {
        var page = RenderPage<LedgerPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=stock-row]").Count));
        var racemic = page.Find("[data-testid=stock-row][data-lot=KET-0426]");
        Assert.Equal("4,962.5 mg (99.25 mL)", racemic.QuerySelector("[data-testid=stock-balance]")!.TextContent.Trim());
        Assert.Contains("4,970 mg", racemic.QuerySelector("[data-testid=stock-last-count]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Discrepancy", racemic.QuerySelector("[data-testid=stock-last-count]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(racemic.QuerySelector("[data-testid=expired]"));
        var expired = page.Find("[data-testid=stock-row][data-lot=ESK-0811]");
        Assert.NotNull(expired.QuerySelector("[data-testid=expired]"));
        Assert.Equal("672 mg (4.8 mL)", expired.QuerySelector("[data-testid=stock-balance]")!.TextContent.Trim());
        Assert.Contains("Not counted yet", expired.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_load_for_the_last_thirty_clinic_days_with_an_export_link_for_the_same_dates()
    {
        var page = RenderPage<LedgerPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=entry-row]")));
        Assert.Equal(new GetLedgerEntriesQuery(new DateOnly(2026, 10, 25), new DateOnly(2026, 11, 24), null, 1), Assert.Single(Sender.SentOf<GetLedgerEntriesQuery>()));
        var row = page.Find("[data-testid=entry-row]");
        Assert.Contains("Taylor Brooks, PMHNP", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("7.5 mg (0.15 mL)", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("/ledger/export.csv?from=2026-10-25&to=2026-11-24", page.Find("[data-testid=export-csv]").GetAttribute("href"));
    }

    [Fact]
    public void A_count_that_differs_shows_the_discrepancy_and_the_difference()
    {
        Sender.On<RecordInventoryCountCommand, Result<CountReconciliationDto>>(c =>
            new CountReconciliationDto(c.LotId, "KET-0426", Guid.NewGuid(), c.CountedMg, 4962.5m, c.CountedMg - 4962.5m, false, 1));
        var page = RenderPage<LedgerPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=open-count]").Click());

        page.Find("#count-mg").Change("4950");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Single(Sender.SentOf<RecordInventoryCountCommand>()));
        Assert.Equal(new RecordInventoryCountCommand(RacemicLot, 4950m, CountTiming.CloseOfBusiness), Sender.SentOf<RecordInventoryCountCommand>()[0]);
        var result = page.Find("[data-testid=count-result]");
        Assert.Contains("Discrepancy", result.TextContent, StringComparison.Ordinal);
        Assert.Equal("−12.5 mg", page.Find("[data-testid=count-difference]").TextContent.Trim());
        Assert.Contains("mud-alert-text-error", result.ClassName, StringComparison.Ordinal); // highlighted as an error, not a success
    }

    [Fact]
    public void A_matching_count_says_so()
    {
        Sender.On<RecordInventoryCountCommand, Result<CountReconciliationDto>>(c =>
            new CountReconciliationDto(c.LotId, "KET-0426", Guid.NewGuid(), c.CountedMg, c.CountedMg, 0, true, 0));
        var page = RenderPage<LedgerPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=open-count]").Click());

        page.Find("#count-mg").Change("4962.5");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("matching the ledger balance", page.Find("[data-testid=count-result]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=count-difference]"));
    }

    [Fact]
    public void Waste_takes_the_witness_sign_in_and_shows_a_refusal_next_to_the_witness_field_clearing_the_password()
    {
        Sender.On<RecordWasteCommand, Result<Guid>>(_ => Error.Field(nameof(RecordWasteCommand.Witness), "The witness's user name or password is not right."));
        var page = RenderPage<LedgerPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=open-waste]").Click());

        var password = page.Find("#waste-witness-password");
        Assert.Equal("password", password.GetAttribute("type"));
        Assert.Equal("off", password.GetAttribute("autocomplete"));
        Assert.Equal("off", page.Find("#waste-witness-user").GetAttribute("autocomplete"));
        page.Find("#waste-mg").Change("7.5");
        page.Find("#waste-manner").Change("Drug disposal system");
        page.Find("#waste-witness-user").Change("taylor.brooks@kap.example");
        page.Find("#waste-witness-password").Change("secret");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Single(Sender.SentOf<RecordWasteCommand>()));
        Assert.Equal(new RecordWasteCommand(RacemicLot, 7.5m, "Drug disposal system", new StaffCredentials("taylor.brooks@kap.example", "secret")),
            Sender.SentOf<RecordWasteCommand>()[0]);
        page.WaitForAssertion(() => Assert.Contains("user name or password is not right", page.Find("[data-testid=ledger-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains("user name or password is not right", page.Find("#waste-witness-user").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(page.Find("#waste-witness-password").GetAttribute("value")));
    }

    [Fact]
    public void Destruction_sends_both_witnesses_and_the_form_41_reference()
    {
        Sender.On<RecordDestructionCommand, Result<Guid>>(_ => Guid.NewGuid());
        var page = RenderPage<LedgerPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=open-destruction]").Click());

        page.Find("#destruction-mg").Change("500");
        page.Find("#destruction-form41").Change("F41-2026-3");
        page.Find("#destruction-manner").Change("Reverse distributor");
        page.Find("#destruction-witness-1-user").Change("taylor.brooks@kap.example");
        page.Find("#destruction-witness-1-password").Change("one");
        page.Find("#destruction-witness-2-user").Change("admin@kap.example");
        page.Find("#destruction-witness-2-password").Change("two");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Single(Sender.SentOf<RecordDestructionCommand>()));
        Assert.Equal(new RecordDestructionCommand(RacemicLot, 500m, "Reverse distributor", "F41-2026-3",
            new StaffCredentials("taylor.brooks@kap.example", "one"), new StaffCredentials("admin@kap.example", "two")), Sender.SentOf<RecordDestructionCommand>()[0]);
        page.WaitForAssertion(() => Assert.Equal("Destruction recorded.", page.Find("[data-testid=ledger-notice]").TextContent.Trim()));
        Assert.Equal(2, Sender.SentOf<GetStockQuery>().Count); // the balances are reloaded
    }

    [Fact]
    public void An_entry_is_corrected_from_its_row()
    {
        Sender.On<CorrectLedgerEntryCommand, Result<Guid>>(_ => Guid.NewGuid());
        var page = RenderPage<LedgerPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=entry-row] button").Click());

        Assert.Contains("Correcting: Waste of 7.5 mg from lot KET-0426", page.Find("[data-testid=correcting]").TextContent, StringComparison.Ordinal);
        page.Find("#correction-mg").Change("2.5");
        page.Find("#correction-reason").Change("Typed 7.5 mg; 5 mg was wasted");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Single(Sender.SentOf<CorrectLedgerEntryCommand>()));
        Assert.Equal(new CorrectLedgerEntryCommand(WasteEntry, 2.5m, "Typed 7.5 mg; 5 mg was wasted"), Sender.SentOf<CorrectLedgerEntryCommand>()[0]);
    }

    [Fact]
    public void An_empty_count_is_not_sent_as_zero()
    {
        var page = RenderPage<LedgerPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=open-count]").Click());

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Enter the quantity counted", page.Find("#count-mg").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal));
        Assert.Empty(Sender.SentOf<RecordInventoryCountCommand>());
    }
}
