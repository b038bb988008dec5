using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Measures.Common;
using Kap.Domain.Measures;
using Kap.Domain.Portal;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Portal.Questionnaires;

/// <summary>
/// Sends a questionnaire the signed-in patient has finished: refused, naming each unanswered question, until every question
/// the catalogue's skip logic asks is answered; then scored by the domain rules into a <see cref="MeasureRecord"/> recorded by
/// the patient's own user, the draft deleted, and the therapist alerted exactly as for staff entry — a risk alert (PHQ-9 item 9
/// above 0, self-harm on the check-in, a high-risk C-SSRS) blocks dosing until a risk assessment; a follow-up (very low mood,
/// a severe side effect, a low or moderate C-SSRS) asks the therapist to get in touch.
/// </summary>
[RequiresPolicy(KapPolicies.Patient)]
public sealed record SubmitQuestionnaireCommand(Instrument Instrument, Guid DraftId) : ICommand<Result<QuestionnaireResultDto>>;

/// <param name="Headline">What the answers suggest in plain words — never a diagnosis.</param>
/// <param name="Score">"Your score: 8 out of 27", when the clinic shows scores to patients and the form has a total.</param>
/// <param name="NextStep">What happens now.</param>
/// <param name="ShowCrisisPanel">An answer spoke of self-harm or suicidal thoughts: show the crisis contacts (<see cref="CrisisSupport"/>).</param>
/// <param name="CareTeamAlerted">The therapist was alerted or asked to follow up.</param>
public sealed record QuestionnaireResultDto(Instrument Instrument, string Title, string Headline, string? Score, string NextStep, bool ShowCrisisPanel, bool CareTeamAlerted);

public sealed class SubmitQuestionnaireHandler(IOperationContext context, PortalPatient portal, TimeProvider clock, IEmailSender email, IOptionsMonitor<PortalOptions> portalOptions)
    : ICommandHandler<SubmitQuestionnaireCommand, Result<QuestionnaireResultDto>>
{
    public async ValueTask<Result<QuestionnaireResultDto>> Handle(SubmitQuestionnaireCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var patient = await portal.CurrentAsync(op, cancellationToken);
        op.Subject(nameof(QuestionnaireDraft), command.DraftId, patient?.Id);
        if (patient is null)
        {
            return Error.NotFound("Your patient record");
        }

        var draft = await db.QuestionnaireDrafts.SingleOrDefaultAsync(d => d.Id == command.DraftId && d.PatientId == patient.Id && d.Instrument == command.Instrument, cancellationToken);
        if (draft is null)
        {
            return Error.NotFound("This questionnaire (it may have been sent already)");
        }

        var definition = InstrumentCatalog.Get(draft.Instrument);
        var responses = draft.ResponseSet();
        var unanswered = draft.Unanswered();
        if (unanswered.Count > 0)
        {
            // Numbered as the patient saw them: the position among the questions asked.
            var asked = definition.Items.Where(i => definition.IsAsked(i.Number, responses)).ToList();
            return Error.Rule(
                unanswered.Count == 1 ? "Please answer the last question before you send your answers." : $"Please answer the {unanswered.Count} questions left before you send your answers.",
                [.. unanswered.Select(i => $"Question {asked.IndexOf(i) + 1}: {i.Text}")]);
        }

        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == draft.CourseId && c.PatientId == patient.Id, cancellationToken);
        var result = MeasureScoring.Score(draft.Instrument, responses);
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new MeasureRecord(course.Id, patient.Id, result, responses, op.User.RequiredId, now);
        db.MeasureRecords.Add(record);
        db.QuestionnaireDrafts.Remove(draft);

        if (result.RequiresRiskAssessment)
        {
            await MeasureAlerts.RiskAlertAsync(op, course, result, now, email, byPatient: true, cancellationToken);
        }
        else if (result.NeedsFollowUp)
        {
            await MeasureAlerts.FollowUpAsync(op, course, result, now, email, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(MeasureRecord), record.Id, patient.Id);
        var text = PatientWording.Describe(result, portalOptions.CurrentValue.ShowScoresToPatients);
        return new QuestionnaireResultDto(draft.Instrument, MyQuestionnaires.Title(draft.Instrument), text.Headline, text.Score, text.NextStep,
            CrisisSupport.ShouldShow(draft.Instrument, responses), result.RequiresRiskAssessment || result.NeedsFollowUp);
    }
}
