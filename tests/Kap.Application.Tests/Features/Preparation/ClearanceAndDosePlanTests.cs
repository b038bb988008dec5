using Kap.Application.Common.Results;
using Kap.Application.Features.Preparation.Clearance;
using Kap.Application.Features.Preparation.DosePlan;
using Kap.Application.Features.Preparation.GetPreparation;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Preparation;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Preparation;

public sealed class ClearanceAndDosePlanTests : ClinicTest
{
    private static SaveClearanceCommand Complete(Guid course, Guid? version = null, IReadOnlyList<FindingInput>? findings = null, IReadOnlyList<OverrideInput>? overrides = null) =>
        new(course, version, 128, 82, 72, 72.4m, 175m, "No cardiac or vascular history.", "None known", PregnancyStatus.NotApplicable,
            [new MedicationInput("Sertraline", "100 mg daily", MedicationInteraction.None), new MedicationInput("Lorazepam", "0.5 mg as needed", MedicationInteraction.Benzodiazepine)],
            findings ?? [], overrides ?? []);

    private async Task<ClearanceDto> ClearanceAsync(Guid course) => (await _app.SendAsync(new GetClearanceQuery(course))).Value!;

    [Fact]
    public async Task A_flag_blocks_signing_until_the_prescribing_np_overrides_it_with_a_reason_and_then_the_gate_item_ticks()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        _clinic.AsNpA();
        Assert.True((await _app.SendAsync(Complete(course, findings: [new FindingInput(Contraindication.SubstanceUseDisorder, "Alcohol, in remission 2 years")]))).IsSuccess);
        var draft = await ClearanceAsync(course);
        Assert.Equal(23.6m, draft.Bmi);
        Assert.Contains(draft.MedicationWarnings, w => w.StartsWith("Lorazepam", StringComparison.Ordinal));

        var refused = await _app.SendAsync(new SignClearanceCommand(draft.Id, draft.Version));
        Assert.Equal(ErrorKind.Rule, refused.Error!.Kind);
        Assert.Contains(refused.Error.Details ?? [refused.Error.Message], d => d.Contains(Contraindication.SubstanceUseDisorder.Describe(), StringComparison.Ordinal));

        var overridden = await _app.SendAsync(Complete(course, draft.Version, overrides: [new OverrideInput(Contraindication.SubstanceUseDisorder, "Stable remission; monitored")]));
        Assert.True(overridden.IsSuccess, overridden.Error?.Message);
        var signed = await _app.SendAsync(new SignClearanceCommand(draft.Id, overridden.Value));
        Assert.True(signed.IsSuccess, signed.Error?.Message);

        _clinic.AsTherapistA();
        var gate = (await _app.SendAsync(new GetPreparationQuery(course))).Value.Gate;
        Assert.True(gate[0].Met);
        await using var db = _app.Db();
        var audit = await db.AuditEntries.Where(a => a.Action == "SaveClearance" && a.Success).ToListAsync();
        Assert.All(audit, a => Assert.Equal(_clinic.NpA, a.UserId));
        Assert.Equal(2, audit.Count);
    }

    [Fact]
    public async Task A_hard_stop_cannot_be_overridden_and_blocks_signing()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        _clinic.AsNpA();
        await _app.SendAsync(Complete(course, findings: [new FindingInput(Contraindication.ArteriovenousMalformation, null)]));
        var draft = await ClearanceAsync(course);

        var overridden = await _app.SendAsync(Complete(course, draft.Version, overrides: [new OverrideInput(Contraindication.ArteriovenousMalformation, "I accept the risk")]));
        var signed = await _app.SendAsync(new SignClearanceCommand(draft.Id, draft.Version));

        Assert.Equal(ErrorKind.Rule, overridden.Error!.Kind);
        Assert.Contains("hard stop", overridden.Error.Message + string.Join(" ", overridden.Error.Details ?? []), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ErrorKind.Rule, signed.Error!.Kind);
        Assert.Null((await ClearanceAsync(course)).SignedAtUtc);
    }

    [Fact]
    public async Task A_therapist_cannot_record_or_sign_a_clearance_and_another_np_is_not_the_prescriber()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync(prescriber: _clinic.NpA);

        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(Complete(course))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new SignClearanceCommand(Guid.NewGuid(), Guid.NewGuid()))).Error!.Kind);
        _clinic.AsNpB();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(Complete(course))).Error!.Kind);
    }

    [Theory]
    [InlineData(1.0, null)]
    [InlineData(1.0, "Deliberate")]
    [InlineData(1.5, "Deliberate")]
    public async Task An_anaesthetic_range_iv_plan_is_refused_even_with_an_override(double mgPerKg, string? reason)
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        _clinic.AsNpA();

        var result = await _app.SendAsync(new SaveDosePlanCommand(course, Route.IntravenousInfusion, DoseBasis.MgPerKg, (decimal)mgPerKg, 40, reason));

        Assert.Equal(ErrorKind.Rule, result.Error!.Kind);
        await using var db = _app.Db();
        Assert.Equal(0, await db.DosePlans.CountAsync());
    }

    [Fact]
    public async Task Above_the_ceiling_needs_a_written_override_and_then_saves()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        _clinic.AsNpA();

        var withoutReason = await _app.SendAsync(new SaveDosePlanCommand(course, Route.IntravenousInfusion, DoseBasis.MgPerKg, 0.8m, 40, null));
        var withReason = await _app.SendAsync(new SaveDosePlanCommand(course, Route.IntravenousInfusion, DoseBasis.MgPerKg, 0.8m, 40, "Partial response at 0.75"));

        Assert.Equal(ErrorKind.Rule, withoutReason.Error!.Kind);
        Assert.True(withReason.IsSuccess, withReason.Error?.Message);
        var plan = (await _app.SendAsync(new GetDosePlanQuery(course))).Value!;
        Assert.Equal("Partial response at 0.75", plan.CeilingOverrideReason);
        Assert.Equal(0.75m, plan.Ceiling);
    }

    [Fact]
    public async Task A_therapist_cannot_set_a_dose_plan()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();

        var result = await _app.SendAsync(new SaveDosePlanCommand(course, Route.IntravenousInfusion, DoseBasis.MgPerKg, 0.5m, 40, null));

        Assert.Equal(ErrorKind.Forbidden, result.Error!.Kind);
    }
}
