using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Domain.Courses;
using Kap.Domain.Measures;
using Kap.Domain.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Measures.Common;

/// <summary>
/// Tells the course's therapist about a questionnaire that needs them — one code for staff entry
/// (<c>RecordMeasureCommand</c>) and the patient portal (<c>SubmitQuestionnaireCommand</c>), so the two can never alert
/// differently. Both tiers write an inbox message with the detail and send an email that names no patient and no answer
/// (it only sends the therapist to Kap), after the transaction commits.
/// </summary>
public static class MeasureAlerts
{
    public const string RiskSubject = "Suicide-risk alert: a risk assessment is needed";
    public const string FollowUpSubject = "A questionnaire needs your follow-up";

    /// <summary>
    /// A risk alert (PHQ-9 item 9 above 0, self-harm on the next-day check-in, a high-risk C-SSRS): the therapist is alerted
    /// at once; dosing stays blocked until a clinician records a risk assessment.
    /// </summary>
    /// <param name="byPatient">The patient filled it in themselves in the portal (the message says so).</param>
    public static async Task RiskAlertAsync(Operation op, Course course, MeasureResult result, DateTime now, IEmailSender email, bool byPatient,
        CancellationToken cancellationToken)
    {
        var patient = await PatientNameAsync(op, course, cancellationToken);
        var how = byPatient ? "filled in by the patient in the portal" : "just recorded";
        await NotifyAsync(op, course, email, RiskSubject,
            $"{patient}'s {result.Instrument.Describe()} {how}: {RiskText(result)}.\nDosing is blocked until a clinician records a risk assessment.\nCourse: /courses/{course.Id}",
            "Kap: a risk alert needs your attention",
            "A questionnaire recorded in Kap for one of your patients needs a risk assessment. Please sign in to Kap now.",
            now, cancellationToken);
    }

    /// <summary>
    /// Answers that ask the therapist to get in touch but need no risk assessment (<see cref="MeasureResult.FollowUpReasons"/>):
    /// used for forms the patient fills in themselves.
    /// </summary>
    public static async Task FollowUpAsync(Operation op, Course course, MeasureResult result, DateTime now, IEmailSender email, CancellationToken cancellationToken)
    {
        var patient = await PatientNameAsync(op, course, cancellationToken);
        await NotifyAsync(op, course, email, FollowUpSubject,
            $"{patient}'s {result.Instrument.Describe()}, filled in by the patient in the portal, asks for a follow-up:\n- {string.Join("\n- ", result.FollowUpReasons)}\n" +
            $"The patient was told their care team will contact them soon.\nCourse: /courses/{course.Id}",
            "Kap: a patient's questionnaire needs your follow-up",
            "A questionnaire one of your patients filled in asks for a follow-up. Please sign in to Kap.",
            now, cancellationToken);
    }

    /// <summary>Why a result is a risk alert, in the clinician's words; null when it is not.</summary>
    public static string? RiskText(MeasureResult result) => result switch
    {
        { CssrsRisk: CssrsRisk.High } => "high risk on the C-SSRS screener",
        { Instrument: Instrument.NextDayCheckIn, SuicideRiskAlert: true } => "thoughts of harming themselves or of being better off dead since the session",
        { SuicideRiskAlert: true } => "item 9 (thoughts of being better off dead or of self-harm) answered above 0",
        { RequiresRiskAssessment: true } => "a risk alert",
        _ => null,
    };

    private static Task<string> PatientNameAsync(Operation op, Course course, CancellationToken cancellationToken) =>
        op.Db.Patients.Where(p => p.Id == course.PatientId).Select(p => p.PreferredName ?? p.LegalName).SingleAsync(cancellationToken);

    private static async Task NotifyAsync(Operation op, Course course, IEmailSender email, string subject, string body, string emailSubject, string emailLine,
        DateTime now, CancellationToken cancellationToken)
    {
        var db = op.Db;
        var therapist = await db.Users.Where(u => u.Id == course.PrimaryTherapistId).Select(u => new { u.Email, u.DisplayName }).SingleAsync(cancellationToken);
        db.InboxMessages.Add(new InboxMessage(course.PrimaryTherapistId, subject, body, now, reminderId: null));
        if (!string.IsNullOrWhiteSpace(therapist.Email))
        {
            var message = new EmailMessage(therapist.Email, therapist.DisplayName, emailSubject, $"Hello {therapist.DisplayName},\n\n{emailLine}\n");
            op.AfterCommit(ct => email.SendAsync(message, ct));
        }
    }
}
