using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Measures.GetDueMeasures;
using Kap.Domain.Measures;
using Kap.Domain.Portal;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Portal.Questionnaires;

/// <summary>
/// Saves one answer of a questionnaire the signed-in patient is filling in, and the question they are on, so that a closed
/// tab or a dropped connection resumes at the same question with every answer kept. The first answer creates the draft
/// (only for a questionnaire that is due now); later ones name it. Sending the same answer again changes nothing.
/// </summary>
/// <param name="DraftId">The draft the page holds; null before the first answer (a draft already started for the
/// questionnaire is then used, so a resent first answer never fails). A draft that is not the patient's — or already
/// sent — is not found.</param>
/// <param name="Item">The 1-based item answered.</param>
/// <param name="Value">The answer: one of the item's values in the catalogue.</param>
/// <param name="CurrentItem">The 1-based item the patient is on.</param>
[RequiresPolicy(KapPolicies.Patient)]
public sealed record SaveQuestionnaireAnswerCommand(Instrument Instrument, Guid? DraftId, int Item, int Value, int CurrentItem) : ICommand<Result<MyDraftDto>>;

public sealed class SaveQuestionnaireAnswerValidator : AbstractValidator<SaveQuestionnaireAnswerCommand>
{
    public SaveQuestionnaireAnswerValidator()
    {
        RuleFor(x => x.Instrument).Cascade(CascadeMode.Stop)
            .IsInEnum().WithMessage("Choose a questionnaire from the list.")
            .Must(i => InstrumentCatalog.Get(i).CompletedBy == Respondent.SelfReport).WithMessage("This questionnaire is filled in by your clinician, not in the portal.");
        When(x => Enum.IsDefined(x.Instrument), () =>
        {
            RuleFor(x => x.Item).Must((x, item) => item >= 1 && item <= InstrumentCatalog.Get(x.Instrument).ItemCount)
                .WithMessage(x => $"The {InstrumentCatalog.Get(x.Instrument).ShortName} has questions 1 to {InstrumentCatalog.Get(x.Instrument).ItemCount}.");
            RuleFor(x => x.CurrentItem).Must((x, item) => item >= 1 && item <= InstrumentCatalog.Get(x.Instrument).ItemCount)
                .WithMessage(x => $"The {InstrumentCatalog.Get(x.Instrument).ShortName} has questions 1 to {InstrumentCatalog.Get(x.Instrument).ItemCount}.");
            RuleFor(x => x.Value).Must((x, value) => x.Item < 1 || x.Item > InstrumentCatalog.Get(x.Instrument).ItemCount || InstrumentCatalog.Get(x.Instrument).Item(x.Item).Allows(value))
                .WithMessage("Choose one of the answers to this question.");
        });
    }
}

public sealed class SaveQuestionnaireAnswerHandler(IOperationContext context, PortalPatient portal, TimeProvider clock, IOptionsMonitor<PortalOptions> portalOptions,
    IOptionsMonitor<MeasureScheduleOptions> measures, IOptionsMonitor<ReminderOptions> reminders)
    : ICommandHandler<SaveQuestionnaireAnswerCommand, Result<MyDraftDto>>
{
    public async ValueTask<Result<MyDraftDto>> Handle(SaveQuestionnaireAnswerCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var patient = await portal.CurrentAsync(op, cancellationToken);
        op.Subject(nameof(QuestionnaireDraft), command.DraftId, patient?.Id);
        if (patient is null)
        {
            return Error.NotFound("Your patient record");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        QuestionnaireDraft? draft;
        if (command.DraftId is { } draftId)
        {
            // Only the patient's own draft of this questionnaire: another patient's id reads exactly like one already sent.
            draft = await db.QuestionnaireDrafts.SingleOrDefaultAsync(d => d.Id == draftId && d.PatientId == patient.Id && d.Instrument == command.Instrument, cancellationToken);
            if (draft is null)
            {
                return Error.NotFound("This questionnaire (it may have been sent already)");
            }
        }
        else
        {
            var course = await PortalPatient.CurrentCourseAsync(op, patient.Id, cancellationToken);
            if (course is null)
            {
                return Error.NotFound("Your course");
            }

            draft = await db.QuestionnaireDrafts.SingleOrDefaultAsync(d => d.PatientId == patient.Id && d.CourseId == course.Id && d.Instrument == command.Instrument, cancellationToken);
            if (draft is null)
            {
                var schedule = measures.CurrentValue.ToSettings(reminders.CurrentValue.ToSettings().FollowUpMonthsAfterCourse);
                var due = await MyQuestionnaires.DueAsync(op, patient, course, schedule, portalOptions.CurrentValue, now, cancellationToken);
                if (due.All(d => d.Instrument != command.Instrument))
                {
                    return Error.Rule("This questionnaire is not due now. Your list shows the ones to fill in.");
                }

                draft = new QuestionnaireDraft(patient.Id, course.Id, command.Instrument, now);
                db.QuestionnaireDrafts.Add(draft);
            }
        }

        var answered = draft.Answer(command.Item, command.Value, command.CurrentItem, now);
        if (!answered.IsSuccess)
        {
            return Error.Field(nameof(command.Value), answered.Problems[0]);
        }

        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(QuestionnaireDraft), draft.Id, patient.Id);
        return MyDraftDto.From(draft);
    }
}
