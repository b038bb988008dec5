using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Measures.Common;
using Kap.Application.Features.Measures.GetRiskAlerts;
using Kap.Application.Features.Measures.RecordMeasure;
using Kap.Application.Features.Portal.Questionnaires;
using Kap.Application.Tests.Features.Integration;
using Kap.Domain.Measures;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.Application.Tests.Features.Portal;

/// <summary>
/// Questionnaires and scores in the patient portal (issue 7) through the real pipeline: the signed-in patient found from
/// their user, never from an id in the message; drafts saved answer by answer; scoring and alerts as for staff entry.
/// Patient A is Jamie Rivera (course in Dosing, baseline done; zone America/Chicago); patient B is Ben Beta (course just
/// opened, so a baseline PHQ-9 is due for him).
/// </summary>
public sealed class PortalQuestionnairesTests : IntegrationTest
{
    private static readonly int?[] Phq9Item9At1 = [1, 1, 1, 1, 0, 0, 0, 0, 1];
    private static readonly int?[] CheckInWell = [3, 3, 0, 1, 0, 0, 0];

    private Guid _userA;
    private Guid _patientB;
    private Guid _userB;

    private async Task SetUpAsync()
    {
        await CourseInDosingAsync();
        await using var db = _app.Db();
        _userA = (await db.Patients.SingleAsync(p => p.Id == db.Courses.Single(c => c.Id == _course).PatientId)).UserId!.Value;
        var (patientB, _) = await _clinic.PatientOfTherapistAAsync("Ben Beta");
        _patientB = patientB;
        _userB = (await db.Patients.SingleAsync(p => p.Id == patientB)).UserId!.Value;
        _clinic.AsNpA();
    }

    private void AsA() => _app.SignInAs(_userA, KapRoles.Patient);

    private void AsB() => _app.SignInAs(_userB, KapRoles.Patient);

    private async Task<IReadOnlyList<MyQuestionnaireDto>> DueAsync()
    {
        var result = await _app.SendAsync(new GetMyQuestionnairesQuery());
        Assert.True(result.IsSuccess, Describe(result.Error));
        return result.Value;
    }

    /// <summary>Answers every item given (skipping nulls) one by one, as the page does, and returns the draft.</summary>
    private async Task<MyDraftDto> AnswerAsync(Instrument instrument, int?[] answers, Guid? draftId = null)
    {
        MyDraftDto? draft = null;
        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i] is not { } value)
            {
                continue;
            }

            var saved = await _app.SendAsync(new SaveQuestionnaireAnswerCommand(instrument, draft?.Id ?? draftId, i + 1, value, i + 1));
            Assert.True(saved.IsSuccess, Describe(saved.Error));
            draft = saved.Value;
        }

        return draft!;
    }

    private async Task<QuestionnaireResultDto> FillInAsync(Instrument instrument, int?[] answers)
    {
        var draft = await AnswerAsync(instrument, answers);
        var result = await _app.SendAsync(new SubmitQuestionnaireCommand(instrument, draft.Id));
        Assert.True(result.IsSuccess, Describe(result.Error));
        return result.Value;
    }

    private void Set(string key, string value)
    {
        var configuration = (IConfigurationRoot)_app.Services.GetRequiredService<IConfiguration>();
        configuration[key] = value;
        configuration.Reload();
    }

    [Fact]
    public async Task Answers_saved_one_by_one_resume_at_the_same_question_and_a_resent_answer_changes_nothing()
    {
        await SetUpAsync();
        Advance(TimeSpan.FromDays(7).TotalMinutes);
        AsA();
        var weekly = Assert.Single(await DueAsync());
        Assert.Equal(Instrument.Phq9, weekly.Instrument);
        Assert.Null(weekly.Draft);

        var first = (await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.Phq9, null, 1, 2, 1))).Value;
        var second = (await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.Phq9, first.Id, 2, 1, 2))).Value;
        Assert.Equal(first.Id, second.Id);
        // The first answer resent after a dropped connection (the page never got the draft's id) lands in the same draft.
        var resent = (await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.Phq9, null, 1, 2, 3))).Value;
        Assert.Equal(first.Id, resent.Id);
        Ok(await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.Phq9, first.Id, 3, 3, 3)));
        Ok(await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.Phq9, first.Id, 3, 0, 3)));

        // A closed tab: the list gives the draft back where it stopped.
        var resumed = Assert.Single(await DueAsync()).Draft!;
        Assert.Equal(first.Id, resumed.Id);
        Assert.Equal([2, 1, 0, null, null, null, null, null, null], resumed.Responses);
        Assert.Equal(3, resumed.CurrentItem);
        Assert.Equal(3, resumed.Answered);
        Assert.Equal(9, resumed.Asked);
        await using var db = _app.Db();
        Assert.Equal(1, await db.QuestionnaireDrafts.CountAsync());

        var outOfRange = await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.Phq9, first.Id, 4, 4, 4));
        Assert.Equal(ErrorKind.Validation, outOfRange.Error!.Kind);
        var noSuchItem = await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.Phq9, first.Id, 10, 0, 10));
        Assert.Equal(ErrorKind.Validation, noSuchItem.Error!.Kind);
        Assert.Equal(["The PHQ-9 has questions 1 to 9."], noSuchItem.Error.Fields!["Item"]);
        Assert.Equal([2, 1, 0, null, null, null, null, null, null], Assert.Single(await DueAsync()).Draft!.Responses);
    }

    [Fact]
    public async Task The_due_list_follows_the_schedule_the_check_in_comes_the_day_after_a_discharge_and_goes_once_filled()
    {
        await SetUpAsync();
        AsA();
        // Baseline done, weekly PHQ-9 not yet due, no dose: nothing to fill in.
        Assert.Empty(await DueAsync());

        await GiveDoseAsync();
        var discharged = Now; // 16:00 UTC = 10:00 in Chicago
        AsA();
        Assert.Empty(await DueAsync());

        // The patient's next day starts at 06:00 UTC (midnight in Chicago).
        Advance((new DateTime(2026, 11, 25, 6, 0, 0, DateTimeKind.Utc) - discharged).TotalMinutes);
        var checkIn = Assert.Single(await DueAsync());
        Assert.Equal(Instrument.NextDayCheckIn, checkIn.Instrument);
        Assert.Equal("After your session on Tuesday 24 November", checkIn.Why);
        Assert.Equal("Next-day check-in", checkIn.Title);
        Assert.Equal(7, checkIn.Questions);

        var result = await FillInAsync(Instrument.NextDayCheckIn, CheckInWell);
        Assert.Equal("Thank you for your check-in.", result.Headline);
        Assert.False(result.ShowCrisisPanel);
        Assert.False(result.CareTeamAlerted);
        Assert.Empty(await DueAsync());

        // A week after entering Dosing (24 November, 15:00 UTC) the weekly PHQ-9 is due; the clinician-rated MADRS never is.
        Advance(TimeSpan.FromDays(6.5).TotalMinutes);
        var phq = Assert.Single(await DueAsync());
        Assert.Equal(Instrument.Phq9, phq.Instrument);
        Assert.Equal("Your weekly mood check", phq.Why);
        Assert.Equal(3, phq.Minutes);
    }

    [Fact]
    public async Task An_unfilled_check_in_closes_48_hours_after_discharge_and_a_started_one_stays_to_be_finished()
    {
        await SetUpAsync();
        await GiveDoseAsync();
        Advance(TimeSpan.FromHours(47).TotalMinutes);
        AsA();
        Assert.Equal(Instrument.NextDayCheckIn, Assert.Single(await DueAsync()).Instrument);
        var draft = await AnswerAsync(Instrument.NextDayCheckIn, [1, 2]);

        Advance(TimeSpan.FromHours(2).TotalMinutes);
        var started = Assert.Single(await DueAsync());
        Assert.Equal(Instrument.NextDayCheckIn, started.Instrument);
        Assert.StartsWith("You started this on", started.Why, StringComparison.Ordinal);
        Assert.Equal(draft.Id, started.Draft!.Id);
        Ok(await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.NextDayCheckIn, draft.Id, 3, 0, 3)));

        // Without a draft, a closed check-in cannot be started.
        await using (var db = _app.Db())
        {
            await db.QuestionnaireDrafts.ExecuteDeleteAsync();
        }

        Assert.Empty(await DueAsync());
        var late = await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.NextDayCheckIn, null, 1, 3, 1));
        Assert.Equal(ErrorKind.Rule, late.Error!.Kind);
        Assert.Contains("not due now", late.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitting_an_incomplete_draft_is_refused_naming_the_missing_questions_and_nothing_is_written()
    {
        await SetUpAsync();
        Advance(TimeSpan.FromDays(7).TotalMinutes);
        AsA();
        var draft = await AnswerAsync(Instrument.Phq9, [1, 1, 1, 1, 1, 1, 1]);
        await using var before = _app.Db();
        var records = await before.MeasureRecords.CountAsync();

        var refused = await _app.SendAsync(new SubmitQuestionnaireCommand(Instrument.Phq9, draft.Id));

        Assert.Equal(ErrorKind.Rule, refused.Error!.Kind);
        Assert.Equal("Please answer the 2 questions left before you send your answers.", refused.Error.Message);
        Assert.Equal(
            ["Question 8: " + InstrumentCatalog.Phq9.Item(8).Text, "Question 9: " + InstrumentCatalog.Phq9.Item(9).Text],
            refused.Error.Details);
        await using var after = _app.Db();
        Assert.Equal(records, await after.MeasureRecords.CountAsync());
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, null, null], (await after.QuestionnaireDrafts.SingleAsync()).ResponseSet());
        Assert.Empty(await after.InboxMessages.Where(m => m.UserId == _clinic.TherapistA).ToListAsync());
    }

    [Fact]
    public async Task A_cssrs_is_complete_when_every_question_its_skip_logic_asks_is_answered()
    {
        await SetUpAsync();
        Set("Portal:PreDoseCssrsInPortal", "true");
        await using (var db = _app.Db())
        {
            var start = Now.AddHours(30);
            db.Appointments.Add(new Appointment(_course, db.Courses.Single(c => c.Id == _course).PatientId, AppointmentKind.Dosing, start, start.AddHours(2),
                _clinic.NpA, null, null, "Room 1", false, _clinic.TherapistA, Now));
            await db.SaveChangesAsync();
        }

        AsA();
        Assert.Empty(await DueAsync());
        Advance(TimeSpan.FromHours(7).TotalMinutes);
        var screener = Assert.Single(await DueAsync());
        Assert.Equal(Instrument.CssrsScreener, screener.Instrument);
        Assert.StartsWith("Before your session on", screener.Why, StringComparison.Ordinal);

        var draft = await AnswerAsync(Instrument.CssrsScreener, [0, 0]);
        Assert.Equal(3, draft.Asked);
        var refused = await _app.SendAsync(new SubmitQuestionnaireCommand(Instrument.CssrsScreener, draft.Id));
        Assert.Equal(["Question 3: " + InstrumentCatalog.CssrsScreener.Item(6).Text], refused.Error!.Details);

        Ok(await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.CssrsScreener, draft.Id, 6, 0, 6)));
        var result = (await _app.SendAsync(new SubmitQuestionnaireCommand(Instrument.CssrsScreener, draft.Id))).Value;
        Assert.False(result.ShowCrisisPanel);
        Assert.Empty(await DueAsync());
    }

    [Fact]
    public async Task A_phq9_with_item_9_at_1_sent_by_the_patient_alerts_the_therapist_and_shows_on_the_caseload_risk_alerts()
    {
        await SetUpAsync();
        Advance(TimeSpan.FromDays(7).TotalMinutes);
        AsA();

        var draft = await AnswerAsync(Instrument.Phq9, Phq9Item9At1);
        var result = (await _app.SendAsync(new SubmitQuestionnaireCommand(Instrument.Phq9, draft.Id))).Value;

        Assert.True(result.ShowCrisisPanel);
        Assert.True(result.CareTeamAlerted);
        Assert.Equal("Your answers suggest mild symptoms of depression. Some of your answers tell us you may be having thoughts of harming yourself.", result.Headline);
        Assert.Equal("Your score: 5 out of 27.", result.Score);
        Assert.Equal(Kap.Domain.Measures.PatientWording.CareTeamAlerted, result.NextStep);

        await using var db = _app.Db();
        var record = await db.MeasureRecords.OrderBy(m => m.TakenAtUtc).LastAsync();
        Assert.Equal(Instrument.Phq9, record.Instrument);
        Assert.Equal(_userA, record.RecordedBy);
        Assert.Equal(5, record.Total);
        Assert.True(record.RequiresRiskAssessment);
        Assert.Empty(await db.QuestionnaireDrafts.ToListAsync());
        var inbox = await db.InboxMessages.SingleAsync(m => m.UserId == _clinic.TherapistA && m.Subject == MeasureAlerts.RiskSubject);
        Assert.Contains("Jamie Rivera's PHQ-9 filled in by the patient in the portal: item 9", inbox.Body, StringComparison.Ordinal);
        var email = Assert.Single(_app.Emails.Sent);
        Assert.DoesNotContain("Jamie", email.TextBody + email.Subject, StringComparison.Ordinal);

        _clinic.AsTherapistA();
        var alert = Assert.Single((await _app.SendAsync(new GetRiskAlertsQuery())).Value);
        Assert.Equal(_course, alert.CourseId);
        Assert.Equal("PHQ-9 item 9 answered above 0", alert.What);

        // A second tab still holding the sent draft cannot add to it or send it again.
        AsA();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.Phq9, draft.Id, 1, 0, 1))).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new SubmitQuestionnaireCommand(Instrument.Phq9, draft.Id))).Error!.Kind);
    }

    [Fact]
    public async Task The_check_ins_self_harm_yes_alerts_the_therapist_and_shows_on_the_caseload_risk_alerts()
    {
        await SetUpAsync();
        await GiveDoseAsync();
        Advance(TimeSpan.FromHours(20).TotalMinutes);
        AsA();

        var result = await FillInAsync(Instrument.NextDayCheckIn, [2, 2, 0, 0, 0, 0, 1]);

        Assert.True(result.ShowCrisisPanel);
        Assert.True(result.CareTeamAlerted);
        Assert.Null(result.Score);
        await using var db = _app.Db();
        var inbox = await db.InboxMessages.SingleAsync(m => m.UserId == _clinic.TherapistA && m.Subject == MeasureAlerts.RiskSubject);
        Assert.Contains("Next-day check-in filled in by the patient in the portal: thoughts of harming themselves", inbox.Body, StringComparison.Ordinal);
        Assert.Single(_app.Emails.Sent);

        _clinic.AsTherapistA();
        var alert = Assert.Single((await _app.SendAsync(new GetRiskAlertsQuery())).Value);
        Assert.Equal("Thoughts of self-harm on the next-day check-in", alert.What);
    }

    [Fact]
    public async Task A_check_in_taken_by_phone_and_entered_by_staff_alerts_through_the_same_code()
    {
        await SetUpAsync();
        _clinic.AsTherapistA();

        var recorded = (await _app.SendAsync(new RecordMeasureCommand(_course, Instrument.NextDayCheckIn, [2, 3, 0, 1, 0, 0, 1]))).Value;

        Assert.True(recorded.RequiresRiskAssessment);
        Assert.Equal("thoughts of harming themselves or of being better off dead since the session", recorded.RiskText);
        Assert.Equal("Mood neither low nor good · Slept well · Side effects: headache (mild) · Self-harm thoughts: YES", recorded.Summary);
        var listed = (await _app.SendAsync(new GetMeasuresQuery(_course))).Value.First(m => m.Instrument == Instrument.NextDayCheckIn);
        Assert.Equal(recorded.Summary, listed.Summary);
        Assert.Equal("Thoughts of self-harm", listed.RiskText);
        await using var db = _app.Db();
        var inbox = await db.InboxMessages.SingleAsync(m => m.UserId == _clinic.TherapistA && m.Subject == MeasureAlerts.RiskSubject);
        Assert.StartsWith("Jamie Rivera's Next-day check-in just recorded: thoughts of harming themselves", inbox.Body, StringComparison.Ordinal);
        Assert.Equal("Thoughts of self-harm on the next-day check-in", Assert.Single((await _app.SendAsync(new GetRiskAlertsQuery())).Value).What);
    }

    [Fact]
    public async Task A_very_low_mood_on_the_check_in_asks_the_therapist_to_follow_up_without_a_risk_alert()
    {
        await SetUpAsync();
        await GiveDoseAsync();
        Advance(TimeSpan.FromHours(20).TotalMinutes);
        AsA();

        var result = await FillInAsync(Instrument.NextDayCheckIn, [0, 1, 0, 0, 0, 0, 0]);

        Assert.False(result.ShowCrisisPanel);
        Assert.True(result.CareTeamAlerted);
        await using var db = _app.Db();
        var inbox = await db.InboxMessages.SingleAsync(m => m.UserId == _clinic.TherapistA && m.Subject == MeasureAlerts.FollowUpSubject);
        Assert.Contains("Mood today: very low.", inbox.Body, StringComparison.Ordinal);
        Assert.False(await db.MeasureRecords.AnyAsync(m => m.Instrument == Instrument.NextDayCheckIn && m.RequiresRiskAssessment));
        _clinic.AsTherapistA();
        Assert.Empty((await _app.SendAsync(new GetRiskAlertsQuery())).Value);
    }

    [Fact]
    public async Task Another_patient_gets_nothing_of_a_patients_drafts_or_scores_and_each_attempt_is_audited()
    {
        await SetUpAsync();
        Advance(TimeSpan.FromDays(7).TotalMinutes);
        AsA();
        var draftA = await AnswerAsync(Instrument.Phq9, [3, 3, 3]);

        AsB();
        var listB = Assert.Single(await DueAsync());
        Assert.Equal(Instrument.Phq9, listB.Instrument);
        Assert.Equal("Before your treatment starts", listB.Why);
        Assert.Null(listB.Draft);

        var save = await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.Phq9, draftA.Id, 4, 0, 4));
        Assert.Equal(ErrorKind.NotFound, save.Error!.Kind);
        var submit = await _app.SendAsync(new SubmitQuestionnaireCommand(Instrument.Phq9, draftA.Id));
        Assert.Equal(ErrorKind.NotFound, submit.Error!.Kind);
        var scoresB = (await _app.SendAsync(new GetMyScoresQuery())).Value;
        Assert.Empty(scoresB.Trends);

        // B's own first answer starts B's own draft; A's is untouched.
        var draftB = (await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.Phq9, null, 1, 0, 1))).Value;
        Assert.NotEqual(draftA.Id, draftB.Id);
        Assert.Equal([0, null, null, null, null, null, null, null, null], draftB.Responses);

        await using var db = _app.Db();
        var a = await db.QuestionnaireDrafts.SingleAsync(d => d.Id == draftA.Id);
        Assert.Equal([3, 3, 3, null, null, null, null, null, null], a.ResponseSet());
        var attempts = await db.AuditEntries.Where(e => e.UserId == _userB && e.EntityId == draftA.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["SaveQuestionnaireAnswer", "SubmitQuestionnaire"], attempts.Select(e => e.Action));
        Assert.All(attempts, e =>
        {
            Assert.False(e.Success);
            Assert.Equal("not-found", e.Outcome);
            Assert.Equal(_patientB, e.PatientId);
        });
        var reads = await db.AuditEntries.Where(e => e.UserId == _userB && (e.Action == "GetMyQuestionnaires" || e.Action == "GetMyScores")).ToListAsync();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, e => Assert.Equal(_patientB, e.PatientId));

        AsA();
        var scoresA = (await _app.SendAsync(new GetMyScoresQuery())).Value;
        Assert.Equal([Instrument.Phq9, Instrument.Gad7], scoresA.Trends.Select(t => t.Instrument));
        Assert.Equal(draftA.Id, Assert.Single(await DueAsync()).Draft!.Id);
    }

    [Fact]
    public async Task Staff_are_refused_every_portal_questionnaire_message()
    {
        await SetUpAsync();
        foreach (var signIn in new Action[] { _clinic.AsTherapistA, _clinic.AsNpA, _clinic.AsAdmin })
        {
            signIn();
            Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new GetMyQuestionnairesQuery())).Error!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.Phq9, null, 1, 0, 1))).Error!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new SubmitQuestionnaireCommand(Instrument.Phq9, Guid.NewGuid()))).Error!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new GetMyScoresQuery())).Error!.Kind);
        }

        await using var db = _app.Db();
        Assert.Empty(await db.QuestionnaireDrafts.ToListAsync());
    }

    [Fact]
    public async Task The_madrs_is_never_filled_in_by_a_patient_and_nothing_is_started_that_is_not_due()
    {
        await SetUpAsync();
        AsA();

        var madrs = await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.Madrs, null, 1, 0, 1));
        Assert.Equal(ErrorKind.Validation, madrs.Error!.Kind);
        Assert.Equal(["This questionnaire is filled in by your clinician, not in the portal."], madrs.Error.Fields!["Instrument"]);
        var notDue = await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.Pcl5, null, 1, 0, 1));
        Assert.Equal(ErrorKind.Rule, notDue.Error!.Kind);
        await using var db = _app.Db();
        Assert.Empty(await db.QuestionnaireDrafts.ToListAsync());
    }

    [Fact]
    public async Task My_scores_are_the_patients_own_phq9_and_gad7_and_are_refused_when_the_clinic_hides_scores()
    {
        await SetUpAsync();
        Advance(TimeSpan.FromDays(7).TotalMinutes);
        AsA();
        await FillInAsync(Instrument.Phq9, [1, 1, 0, 0, 0, 0, 0, 0, 0]);

        var scores = (await _app.SendAsync(new GetMyScoresQuery())).Value;
        var phq = scores.Trends.Single(t => t.Instrument == Instrument.Phq9);
        Assert.Equal([12, 2], phq.Points.Select(p => p.Total));
        Assert.Single(scores.Trends.Single(t => t.Instrument == Instrument.Gad7).Points);
        Assert.Equal(0, scores.DosesGiven);

        Set("Portal:ShowScoresToPatients", "false");
        var refused = await _app.SendAsync(new GetMyScoresQuery());
        Assert.Equal(ErrorKind.Rule, refused.Error!.Kind);
        Assert.Equal(GetMyScoresHandler.ScoresHidden, refused.Error.Message);

        // Nor does a sent questionnaire show a score or band.
        Advance(TimeSpan.FromDays(7).TotalMinutes);
        var result = await FillInAsync(Instrument.Phq9, [1, 1, 1, 1, 1, 1, 1, 0, 0]);
        Assert.Null(result.Score);
        Assert.Equal("Thank you for answering these questions.", result.Headline);
    }
}
