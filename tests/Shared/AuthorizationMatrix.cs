namespace Kap.Tests.Security;

/// <summary>
/// The authorization matrix of issue 8, written down in one table: for every routable page, every HTTP endpoint and
/// every Mediator message, what each role gets — and, where the page or message names a patient's record, what each
/// role gets for its own record, for another's, and (clinicians) for another's opened in an emergency. This file is
/// compiled into two test projects: Kap.Application.Tests exercises the messages through the real pipeline
/// (<c>Security/AuthorizationMatrixTests</c>, <c>Security/RecordRelationMatrixTests</c>); Kap.EndToEnd.Tests requests
/// every page and endpoint over HTTP from the real app (<c>Http/AuthorizationMatrixHttpTests</c>). A page, endpoint or
/// message that is not in the table, or a row for one that no longer exists, fails those tests.
///
/// <para><b>Roles.</b> "-" anonymous, P patient, T therapist, N nurse practitioner, A admin, S Kap's own scheduled jobs.</para>
///
/// <para><b>Relations.</b> A cell with several outcomes separated by "|" gives them in this order:</para>
/// <list type="number">
/// <item><b>own</b>: the user's own record — for a patient, their own; for a therapist or NP, a patient whose course
/// they are on (the care team); for an admin or personal records (an inbox message), one addressed to them.</item>
/// <item><b>other</b>: the same record sent by someone it is not theirs — for a patient, another patient's record; for a
/// therapist or NP, another clinician's patient (not on the care team); for an admin, a second admin.</item>
/// <item><b>glass</b> (therapists and NPs only): that other clinician after opening the course with emergency access
/// ("break the glass", <c>RequestEmergencyAccessCommand</c>), while the grant lasts.</item>
/// </list>
/// <para>A single outcome in such a row holds for every relation (an admin oversees every course).</para>
/// </summary>
internal static class AuthorizationMatrix
{
    public const string Roles = "-PTNAS";

    /// <summary>Indexes into a cell's "|"-separated outcomes.</summary>
    public enum Relation
    {
        Own = 0,
        Other = 1,
        Glass = 2,
    }

    /// <summary>
    /// Pages (every <c>@page</c> route of Kap.Web), requested with GET as -, P, T, N, A. Outcomes:
    /// <c>ok</c> 200 with the page itself; <c>login</c> redirected to sign in; <c>denied</c> redirected to the
    /// access-denied page (audited); <c>nf</c> 200 with the page's "was not found, or you do not have access to it"
    /// and nothing of the record (audited: the page's query is refused); <c>&gt;/path</c> redirected there.
    /// Route values: a course, dosing session and patient of one demo patient (Elena García, therapist Sam Okafor,
    /// NP Taylor Brooks); "other" is Dr Morgan Reyes and Jordan Lee, "glass" the same two with an emergency grant.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Pages = new Dictionary<string, string>
    {
        //                                            -       P           T             N             A
        ["/"]                                     = "login   >/portal    >/caseload    >/caseload    >/caseload",
        ["/account/access-denied"]                = "ok      ok          ok            ok            ok",
        ["/account/invitation"]                   = "ok      ok          ok            ok            ok",
        ["/account/login"]                        = "ok      ok          ok            ok            ok",
        // The code step needs the short-lived cookie a right password sets; without it, back to sign in.
        ["/account/login-2fa"]                    = ">/account/login >/account/login >/account/login >/account/login >/account/login",
        ["/account/two-factor"]                   = ">/account/login?returnUrl=%2Faccount%2Ftwo-factor ok ok ok ok",
        ["/admin/audit"]                          = "login   denied      denied        denied        ok",
        ["/admin/consent"]                        = "login   denied      denied        denied        ok",
        ["/admin/rooms"]                          = "login   denied      denied        denied        ok",
        ["/admin/staff"]                          = "login   denied      denied        denied        ok",
        ["/calendar"]                             = "login   denied      ok            ok            ok",
        ["/caseload"]                             = "login   denied      ok            ok            ok",
        ["/courses/new"]                          = "login   denied      ok            denied        ok",
        ["/courses/{CourseId:guid}"]              = "login   denied      ok|nf|ok      ok|nf|ok      ok",
        ["/courses/{CourseId:guid}/book"]         = "login   denied      ok|nf|ok      ok|nf|ok      ok",
        ["/courses/{CourseId:guid}/dosing/start"] = "login   denied      denied        ok|nf|ok      denied",
        ["/courses/{CourseId:guid}/plan"]         = "login   denied      ok|nf|ok      ok|nf|ok      ok",
        ["/courses/{CourseId:guid}/summary"]      = "login   denied      ok|nf|ok      ok|nf|ok      ok",
        ["/dosing/{SessionId:guid}"]              = "login   denied      ok|nf|ok      ok|nf|ok      ok",
        ["/error"]                                = "ok      ok          ok            ok            ok",
        ["/inbox"]                                = "login   ok          ok            ok            ok",
        ["/ledger"]                               = "login   denied      denied        ok            ok",
        ["/not-found"]                            = "ok      ok          ok            ok            ok",
        ["/patients/new"]                         = "login   denied      ok            denied        ok",
        ["/patients/{PatientId:guid}"]            = "login   denied      ok|nf|ok      ok|nf|ok      ok",
        ["/patients/{PatientId:guid}/edit"]       = "login   denied      ok|nf|ok      denied        ok",
        ["/portal"]                               = "login   ok          denied        denied        denied",
        ["/portal/calendar"]                      = "login   ok          denied        denied        denied",
        ["/portal/course"]                        = "login   ok          denied        denied        denied",
        ["/portal/messages"]                      = "login   ok          denied        denied        denied",
        ["/portal/questionnaires"]                = "login   ok          denied        denied        denied",
        ["/portal/questionnaires/{Slug}"]         = "login   ok          denied        denied        denied",
        ["/portal/scores"]                        = "login   ok          denied        denied        denied",
        ["/portal/settings"]                      = "login   ok          denied        denied        denied",
        ["/reports/outcomes"]                     = "login   denied      ok            denied        ok",
    };

    /// <summary>
    /// HTTP endpoints other than pages, as -, P, T, N, A. Outcomes as for pages, and a bare status code (401, 403)
    /// where the endpoint answers with one. The Blazor hub, the framework's scripts and the static assets are not
    /// here: they serve no record (the hub runs the pages above, whose messages are authorized one by one).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Endpoints = new Dictionary<string, string>
    {
        //                                      -                                  P                                  T                                  N                                  A
        // Signing out needs the form's antiforgery token; with it, anyone is signed out (and nothing else happens).
        ["POST /account/logout"]            = ">/account/login?signedOut=true     >/account/login?signedOut=true     >/account/login?signedOut=true     >/account/login?signedOut=true     >/account/login?signedOut=true",
        ["GET /account/idle-signout"]       = ">/account/login?idle=true          >/account/login?idle=true          >/account/login?idle=true          >/account/login?idle=true          >/account/login?idle=true",
        ["GET /admin/audit/export.csv"]     = "login                              denied                             denied                             denied                             ok",
        // The calendar feed is anonymous by design: its 256-bit token is the credential (a live token here).
        ["GET /calendar/{token}.ics"]       = "ok                                 ok                                 ok                                 ok                                 ok",
        // The Hangfire dashboard answers with bare status codes; a refusal of a signed-in user is audited.
        ["ANY /jobs/{**path}"]              = "401                                403                                403                                403                                ok",
        ["GET /ledger/export.csv"]          = "login                              denied                             denied                             ok                                 ok",
    };

    /// <summary>
    /// Mediator messages: the roles that get past authorization (a role not listed is refused "You do not have
    /// permission" or "Please sign in first", audited "forbidden"). A role followed by ":" and outcomes names a
    /// patient's record (see <see cref="RecordParameters"/>): <c>ok</c> the sender reaches the record (it may still be
    /// refused by a clinical rule or a stale version), <c>nf</c> "not found, or you do not have access to it" exactly as
    /// for an id that does not exist, with nothing changed and a "not-found" audit entry. A list with record cells (the
    /// caseload, risk alerts, requests, a clinician's calendar, the portal's own lists) takes no id: <c>ok</c> means the
    /// record is in the answer, <c>nf</c> that nothing of it is (no id of it, not the patient's name; another
    /// clinician's calendar shows the appointment as Busy).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>
    {
        ["AcceptInvitationCommand"] = "- P T N A S",
        ["AddMaintenanceDosingCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["AddRoomCommand"] = "A",
        ["AddSessionNoteCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["AnyRemindersDueQuery"] = "S",
        ["BeginAuthenticatorSetupCommand"] = "P T N A S",
        ["BookAppointmentCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["BookCourseSessionsCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["CancelAppointmentCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["ChangeCoursePhaseCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["ClaimDueRemindersCommand"] = "S",
        ["CorrectLedgerEntryCommand"] = "N A",
        ["CountersignConsentCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["CreateMyCalendarFeedCommand"] = "P",
        ["DeliverReminderCommand"] = "S",
        ["DischargeSessionCommand"] = "N:ok|nf|ok",
        ["EnableAuthenticatorCommand"] = "P T N A S",
        ["EndInfusionCommand"] = "N:ok|nf|ok",
        ["EndSessionWithoutDoseCommand"] = "N:ok|nf|ok",
        ["ExportAuditCsvQuery"] = "A",
        ["ExportLedgerCsvQuery"] = "N A",
        ["GetAllRoomsQuery"] = "A",
        ["GetAppointmentRequestsQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetAuditEntriesQuery"] = "A",
        ["GetCalendarFeedIcsQuery"] = "- P T N A S",
        ["GetCalendarQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetCaseloadQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetClearanceQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetClinicOutcomesQuery"] = "T A",
        ["GetCliniciansQuery"] = "T N A",
        ["GetCourseDosingSessionsQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetCourseQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetCourseSessionsQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetCourseSummaryQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetCurrentConsentQuery"] = "P T N A S",
        ["GetDosePlanQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetDosingSessionQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetDosingStartQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetDueMeasuresQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetInboxQuery"] = "P T N A S",
        ["GetIntegrationQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetLedgerEntriesQuery"] = "N A",
        ["GetMeasureTrendsQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetMeasuresQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetMyAppointmentsQuery"] = "P:ok|nf",
        ["GetMyCalendarFeedQuery"] = "P",
        ["GetMyCourseQuery"] = "P:ok|nf",
        ["GetMyPreferencesQuery"] = "P",
        ["GetMyQuestionnairesQuery"] = "P:ok|nf",
        ["GetMyScoresQuery"] = "P",
        ["GetPatientQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetPreparationQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetRiskAlertsQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["GetRoomsQuery"] = "T N A",
        ["GetStaffAccountsQuery"] = "A",
        ["GetStockQuery"] = "N A",
        ["HandleAppointmentRequestCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["MarkInboxMessageReadCommand"] = "P:ok|nf T:ok|nf N:ok|nf A:ok|nf S",
        ["OpenCourseCommand"] = "T:ok|nf|ok A:ok",
        ["PlanCourseSessionsQuery"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["PublishConsentVersionCommand"] = "A",
        ["ReceiveStockCommand"] = "N A",
        ["RecordAdministrationCommand"] = "N:ok|nf|ok",
        ["RecordAdverseEventCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["RecordAppointmentOutcomeCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["RecordConsentCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["RecordDestructionCommand"] = "N A",
        ["RecordDissociationCommand"] = "N:ok|nf|ok",
        ["RecordIntegrationNoteCommand"] = "T:ok|nf|ok",
        ["RecordInventoryCountCommand"] = "N A",
        ["RecordMeasureCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["RecordPreparationNoteCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["RecordRiskAssessmentCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["RecordSedationCommand"] = "N:ok|nf|ok",
        ["RecordSuitabilityCommand"] = "T:ok|nf|ok A:ok",
        ["RecordVitalsCommand"] = "N:ok|nf|ok",
        ["RecordWasteCommand"] = "N A",
        ["RegenerateRecoveryCodesCommand"] = "P T N A S",
        ["RegisterPatientCommand"] = "T A",
        ["RequestAppointmentChangeCommand"] = "P:ok|nf",
        ["ResetStaffAuthenticatorCommand"] = "A",
        // Breaking the glass is how a clinician outside the care team reaches a course: "other" is granted; "own" is
        // refused by a rule (they already have access), never "not found".
        ["RequestEmergencyAccessCommand"] = "T:ok|ok|ok N:ok|ok|ok A:ok",
        ["RescheduleAppointmentCommand"] = "T:ok|nf|ok N:ok|nf|ok A:ok",
        ["RevokeMyCalendarFeedCommand"] = "P",
        ["SaveClearanceCommand"] = "N:ok|nf|ok",
        ["SaveDosePlanCommand"] = "N:ok|nf|ok",
        ["SaveQuestionnaireAnswerCommand"] = "P:ok|nf",
        ["SendDailyDigestsCommand"] = "S",
        ["SetPatientMedicationInstructionsCommand"] = "N:ok|nf|ok",
        ["SetRoomActiveCommand"] = "A",
        ["SignClearanceCommand"] = "N:ok|nf|ok",
        ["SignMyConsentCommand"] = "P",
        ["StartDosingSessionCommand"] = "N:ok|nf|ok",
        ["SubmitQuestionnaireCommand"] = "P:ok|nf",
        ["UpdateMyPreferencesCommand"] = "P",
        ["UpdatePatientCommand"] = "T:ok|nf|ok A:ok",
        ["VerifyAuditChainQuery"] = "A",
    };

    /// <summary>
    /// Message parameters that name one patient's record: a message with one of these must have relation cells. The
    /// portal's messages find the patient from the signed-in user, never from an id, so their only ids are these.
    /// </summary>
    public static readonly IReadOnlySet<string> RecordParameters = new HashSet<string>
    {
        "CourseId", "SessionId", "PatientId", "AppointmentId", "ClearanceId", "RequestId", "DraftId", "MessageId",
    };

    /// <summary>
    /// Every other id a message may carry, and why it has no relation cells: the table is only complete if each new
    /// id is placed here or in <see cref="RecordParameters"/>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> OtherIdParameters = new Dictionary<string, string>
    {
        ["Version"] = "a concurrency token of the record the message already names",
        ["ClientEntryId"] = "the browser's idempotency key for a bedside entry",
        ["ClaimToken"] = "the dispatcher's claim on a reminder (System only)",
        ["ReminderId"] = "a reminder, sent by Kap's own dispatcher (System only)",
        ["LotId"] = "a stock lot: the controlled-substance ledger is the clinic's, kept by every NP and admin",
        ["EntryId"] = "a ledger entry (clinic-wide, as LotId)",
        ["RoomId"] = "a room of the clinic",
        ["ClinicianId"] = "a staff member; appointments of patients outside the user's care show as Busy (Scheduling/CourseSessionsTests)",
        ["SecondClinicianId"] = "a staff member (as ClinicianId)",
        ["PrimaryTherapistId"] = "a staff member (as ClinicianId)",
        ["PrescriberId"] = "a staff member (as ClinicianId)",
        ["DosingSessionId"] = "a second id checked to belong to the course the message names (IntegrationNoteTests)",
        ["UserId"] = "a user account: an audit-trail filter, or the staff account whose authenticator an admin resets (Admin only)",
    };

    /// <summary>The roles a message gets past authorization for (the letters of its row).</summary>
    public static IReadOnlySet<char> AllowedRoles(string message) =>
        Messages[message].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(token => token[0]).ToHashSet();

    /// <summary>The message's relation cells by role, e.g. T → ["ok", "nf", "ok"]; empty for a message without a record.</summary>
    public static IReadOnlyDictionary<char, string[]> MessageRelations(string message) =>
        Messages[message].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(token => token.Length > 2 && token[1] == ':')
            .ToDictionary(token => token[0], token => token[2..].Split('|'));

    /// <summary>The five cells (-, P, T, N, A) of a page or endpoint row, each split into its relations.</summary>
    public static string[][] Cells(string row)
    {
        var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(cell => cell.Split('|')).ToArray();
        if (cells.Length != 5)
        {
            throw new InvalidOperationException($"A page or endpoint row has five cells (-, P, T, N, A): \"{row}\"");
        }

        return cells;
    }

    /// <summary>The outcome of one cell for a relation: a single outcome holds for every relation.</summary>
    public static string Outcome(string[] cell, Relation relation) =>
        cell.Length == 1 ? cell[0]
        : (int)relation < cell.Length ? cell[(int)relation]
        : throw new InvalidOperationException($"The cell \"{string.Join('|', cell)}\" has no outcome for {relation}.");
}
