using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Preparation.Consent;
using Kap.Application.Features.Preparation.GetPreparation;
using Kap.Application.Features.Preparation.PreparationNotes;
using Kap.Application.Features.Preparation.RiskAssessment;
using Kap.Application.Features.Preparation.Screening;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Screening;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Preparation;

public sealed class PreparationRecordsTests : ClinicTest
{
    private static RecordSuitabilityCommand Suitable(Guid course) =>
        new(course, "Two SSRIs", true, "Partner", "Return to work", SuitabilityDecision.Suitable, null);

    [Fact]
    public async Task Only_therapists_and_admins_record_suitability_and_a_non_suitable_decision_needs_a_note()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();

        var withoutNote = await _app.SendAsync(Suitable(course) with { Decision = SuitabilityDecision.NotSuitable });
        Assert.Contains("Note", withoutNote.Error!.Fields!.Keys);

        _clinic.AsNpA();
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(Suitable(course))).Error!.Kind);
        _clinic.AsTherapistB();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(Suitable(course))).Error!.Kind);
        _clinic.AsTherapistA();
        Assert.True((await _app.SendAsync(Suitable(course))).IsSuccess);
    }

    [Fact]
    public async Task A_patient_reaches_none_of_the_preparation_records()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        _app.SignInAs(Guid.NewGuid(), KapRoles.Patient);

        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new GetPreparationQuery(course))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(Suitable(course))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new RecordPreparationNoteCommand(course, null, "x", null))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new RecordConsentCommand(course, 1, "Jamie Rivera"))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new RecordRiskAssessmentCommand(course, RiskAssessmentOutcome.SafeToContinue, "ok"))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new Kap.Application.Features.Preparation.Clearance.GetClearanceQuery(course))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new Kap.Application.Features.Preparation.Clearance.SignClearanceCommand(Guid.NewGuid(), Guid.NewGuid()))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new Kap.Application.Features.Preparation.DosePlan.GetDosePlanQuery(course))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new Kap.Application.Features.Measures.RecordMeasure.GetMeasuresQuery(course))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new Kap.Application.Features.Measures.RecordMeasure.RecordMeasureCommand(course, Kap.Domain.Measures.Instrument.Phq9,
            [0, 0, 0, 0, 0, 0, 0, 0, 0]))).Error!.Kind);
    }

    [Fact]
    public async Task Only_an_admin_publishes_consent_and_versions_count_up()
    {
        _clinic.AsTherapistA();
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new PublishConsentVersionCommand("Consent", "Text"))).Error!.Kind);

        _clinic.AsAdmin();
        Assert.Equal(1, (await _app.SendAsync(new PublishConsentVersionCommand("Consent", "Text"))).Value);
        Assert.Equal(2, (await _app.SendAsync(new PublishConsentVersionCommand("Consent", "Better text"))).Value);
        Assert.Equal("Better text", (await _app.SendAsync(new GetCurrentConsentQuery())).Value!.Text);
    }

    [Fact]
    public async Task The_preparation_view_shows_the_gate_items_screening_consent_notes_and_risk_assessments()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        await _app.SendAsync(Suitable(course));
        await _app.SendAsync(new RecordPreparationNoteCommand(course, null, "Reconnect with family", "Discussed set and setting"));
        await _app.SendAsync(new RecordRiskAssessmentCommand(course, RiskAssessmentOutcome.SafeToContinue, "Passive ideation only; safety plan agreed"));

        var view = (await _app.SendAsync(new GetPreparationQuery(course))).Value;

        Assert.Equal(5, view.Gate.Count);
        Assert.False(view.GateMet);
        Assert.Equal([false, false, false, true, true], view.Gate.Select(g => g.Met));
        Assert.Equal(SuitabilityDecision.Suitable, view.Suitability!.Decision);
        Assert.Equal("Therapist A", view.Suitability.AssessedBy);
        Assert.Null(view.Consent.CurrentVersion);
        Assert.Equal("Reconnect with family", Assert.Single(view.Notes).Intentions);
        Assert.Equal(RiskAssessmentOutcome.SafeToContinue, Assert.Single(view.RiskAssessments).Outcome);
        await using var db = _app.Db();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "GetPreparation" && a.Success));
    }

    [Fact]
    public async Task A_preparation_note_links_only_to_this_courses_preparation_sessions_once()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();

        var stranger = await _app.SendAsync(new RecordPreparationNoteCommand(course, Guid.NewGuid(), "x", null));

        Assert.Contains("AppointmentId", stranger.Error!.Fields!.Keys);
    }
}
