namespace Kap.Domain.Measures;

/// <summary>
/// The definitions of the instruments Kap scores (domain.md §6) and the next-day check-in (§5), with the authors' published item
/// wording, response labels and recall periods. UIs render forms from these; scoring checks response sets
/// against them, so a form and the score can never disagree about an item's range.
/// </summary>
public static class InstrumentCatalog
{
    public const string PhqGadRecallPeriod = "Over the last 2 weeks";
    public const string Pcl5RecallPeriod = "In the past month";
    public const string MadrsRecallPeriod = "The past week";
    public const string CssrsPastMonth = "Past month";
    public const string CssrsLifetime = "Lifetime";
    public const string CssrsPast3Months = "Past 3 months";

    /// <summary>PHQ-9 and GAD-7 share the same four frequency answers (Kroenke 2001, Spitzer 2006).</summary>
    public static IReadOnlyList<ResponseOption> FrequencyOptions { get; } =
    [
        new(0, "Not at all"),
        new(1, "Several days"),
        new(2, "More than half the days"),
        new(3, "Nearly every day"),
    ];

    /// <summary>The PCL-5's five answers (National Center for PTSD, 2013).</summary>
    public static IReadOnlyList<ResponseOption> Pcl5Options { get; } =
    [
        new(0, "Not at all"),
        new(1, "A little bit"),
        new(2, "Moderately"),
        new(3, "Quite a bit"),
        new(4, "Extremely"),
    ];

    /// <summary>
    /// MADRS items are rated 0–6. The rating guide defines each item's anchors at 0, 2, 4 and 6, and odd
    /// values lie between them; Kap shows the numbers and leaves the anchors to the rater's guide.
    /// </summary>
    public static IReadOnlyList<ResponseOption> MadrsOptions { get; } =
    [
        new(0, "0"),
        new(1, "1"),
        new(2, "2"),
        new(3, "3"),
        new(4, "4"),
        new(5, "5"),
        new(6, "6"),
    ];

    /// <summary>The C-SSRS screener is yes/no; no is stored as 0 and yes as 1.</summary>
    public static IReadOnlyList<ResponseOption> YesNoOptions { get; } =
    [
        new(0, "No"),
        new(1, "Yes"),
    ];

    public static InstrumentDefinition Phq9 { get; } = new(
        Instrument.Phq9,
        Name: "Patient Health Questionnaire-9",
        ShortName: "PHQ-9",
        CompletedBy: Respondent.SelfReport,
        ResponseKind: ResponseKind.Scale,
        Instructions: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        RecallPeriod: PhqGadRecallPeriod,
        Items: ScaleItems(
            PhqGadRecallPeriod,
            FrequencyOptions,
            "Little interest or pleasure in doing things",
            "Feeling down, depressed, or hopeless",
            "Trouble falling or staying asleep, or sleeping too much",
            "Feeling tired or having little energy",
            "Poor appetite or overeating",
            "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
            "Trouble concentrating on things, such as reading the newspaper or watching television",
            "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
            "Thoughts that you would be better off dead or of hurting yourself in some way"),
        ResponseOptions: FrequencyOptions,
        Bands:
        [
            new(SeverityBand.Minimal, 0, 4),
            new(SeverityBand.Mild, 5, 9),
            new(SeverityBand.Moderate, 10, 14),
            new(SeverityBand.ModeratelySevere, 15, 19),
            new(SeverityBand.Severe, 20, 27),
        ],
        MinTotal: 0,
        MaxTotal: 27,
        Source: "Kroenke, Spitzer & Williams 2001. Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.");

    public static InstrumentDefinition Gad7 { get; } = new(
        Instrument.Gad7,
        Name: "Generalized Anxiety Disorder 7-item scale",
        ShortName: "GAD-7",
        CompletedBy: Respondent.SelfReport,
        ResponseKind: ResponseKind.Scale,
        Instructions: "Over the last 2 weeks, how often have you been bothered by the following problems?",
        RecallPeriod: PhqGadRecallPeriod,
        Items: ScaleItems(
            PhqGadRecallPeriod,
            FrequencyOptions,
            "Feeling nervous, anxious, or on edge",
            "Not being able to stop or control worrying",
            "Worrying too much about different things",
            "Trouble relaxing",
            "Being so restless that it is hard to sit still",
            "Becoming easily annoyed or irritable",
            "Feeling afraid, as if something awful might happen"),
        ResponseOptions: FrequencyOptions,
        Bands:
        [
            new(SeverityBand.Minimal, 0, 4),
            new(SeverityBand.Mild, 5, 9),
            new(SeverityBand.Moderate, 10, 14),
            new(SeverityBand.Severe, 15, 21),
        ],
        MinTotal: 0,
        MaxTotal: 21,
        Source: "Spitzer, Kroenke, Williams & Löwe 2006. Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.");

    public static InstrumentDefinition Pcl5 { get; } = new(
        Instrument.Pcl5,
        Name: "PTSD Checklist for DSM-5",
        ShortName: "PCL-5",
        CompletedBy: Respondent.SelfReport,
        ResponseKind: ResponseKind.Scale,
        Instructions: "Below is a list of problems that people sometimes have in response to a very stressful experience. Please read each problem carefully and then choose one answer to indicate how much you have been bothered by that problem in the past month. In the past month, how much were you bothered by:",
        RecallPeriod: Pcl5RecallPeriod,
        Items: ScaleItems(
            Pcl5RecallPeriod,
            Pcl5Options,
            "Repeated, disturbing, and unwanted memories of the stressful experience?",
            "Repeated, disturbing dreams of the stressful experience?",
            "Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were actually back there reliving it)?",
            "Feeling very upset when something reminded you of the stressful experience?",
            "Having strong physical reactions when something reminded you of the stressful experience (for example, heart pounding, trouble breathing, sweating)?",
            "Avoiding memories, thoughts, or feelings related to the stressful experience?",
            "Avoiding external reminders of the stressful experience (for example, people, places, conversations, activities, objects, or situations)?",
            "Trouble remembering important parts of the stressful experience?",
            "Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is completely dangerous)?",
            "Blaming yourself or someone else for the stressful experience or what happened after it?",
            "Having strong negative feelings such as fear, horror, anger, guilt, or shame?",
            "Loss of interest in activities that you used to enjoy?",
            "Feeling distant or cut off from other people?",
            "Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving feelings for people close to you)?",
            "Irritable behavior, angry outbursts, or acting aggressively?",
            "Taking too many risks or doing things that could cause you harm?",
            "Being \"superalert\" or watchful or on guard?",
            "Feeling jumpy or easily startled?",
            "Having difficulty concentrating?",
            "Trouble falling or staying asleep?"),
        ResponseOptions: Pcl5Options,
        Bands: [],
        MinTotal: 0,
        MaxTotal: 80,
        Source: "Weathers, Litz, Keane, Palmieri, Marx & Schnurr 2013, National Center for PTSD. In the public domain.");

    public static InstrumentDefinition Madrs { get; } = new(
        Instrument.Madrs,
        Name: "Montgomery–Åsberg Depression Rating Scale",
        ShortName: "MADRS",
        CompletedBy: Respondent.ClinicianRated,
        ResponseKind: ResponseKind.Scale,
        Instructions: "Clinician-rated from a clinical interview, usually covering the past week. Rate each item 0–6 using the rating guide's anchors (0, 2, 4, 6); odd values lie between them.",
        RecallPeriod: MadrsRecallPeriod,
        Items: ScaleItems(
            MadrsRecallPeriod,
            MadrsOptions,
            "Apparent sadness",
            "Reported sadness",
            "Inner tension",
            "Reduced sleep",
            "Reduced appetite",
            "Concentration difficulties",
            "Lassitude",
            "Inability to feel",
            "Pessimistic thoughts",
            "Suicidal thoughts"),
        ResponseOptions: MadrsOptions,
        Bands:
        [
            new(SeverityBand.Absent, 0, 6),
            new(SeverityBand.Mild, 7, 19),
            new(SeverityBand.Moderate, 20, 34),
            new(SeverityBand.Severe, 35, 60),
        ],
        MinTotal: 0,
        MaxTotal: 60,
        Source: "Montgomery & Åsberg 1979; severity bands after Müller et al. 2000.");

    /// <summary>
    /// Columbia's screener: Q1 and Q2 always; Q3–Q5 only if Q2 is yes; Q6 always; Q6's "within the past
    /// 3 months?" follow-up (item 7 of the response set) only if Q6 is yes.
    /// </summary>
    public static InstrumentDefinition CssrsScreener { get; } = new(
        Instrument.CssrsScreener,
        Name: "Columbia–Suicide Severity Rating Scale, screener",
        ShortName: "C-SSRS screener",
        CompletedBy: Respondent.SelfReport,
        ResponseKind: ResponseKind.YesNo,
        Instructions: "Ask questions 1 and 2. If the answer to question 2 is yes, ask questions 3, 4 and 5; if no, go directly to question 6. Always ask question 6; if yes, ask whether it was within the past 3 months. Questions 1–5 ask about the past month; question 6 about the person's lifetime.",
        RecallPeriod: "Past month (questions 1–5); lifetime, with a past-3-months follow-up (question 6)",
        Items:
        [
            YesNo(1, "1", "Have you wished you were dead or wished you could go to sleep and not wake up?", CssrsPastMonth),
            YesNo(2, "2", "Have you actually had any thoughts of killing yourself?", CssrsPastMonth),
            YesNo(3, "3", "Have you been thinking about how you might do this?", CssrsPastMonth, new ItemCondition(2, 1)),
            YesNo(4, "4", "Have you had these thoughts and had some intention of acting on them?", CssrsPastMonth, new ItemCondition(2, 1)),
            YesNo(5, "5", "Have you started to work out or worked out the details of how to kill yourself? Do you intend to carry out this plan?", CssrsPastMonth, new ItemCondition(2, 1)),
            YesNo(6, "6", "Have you ever done anything, started to do anything, or prepared to do anything to end your life? (For example: collected pills, obtained a gun, gave away valuables, wrote a will or suicide note, took out pills but didn't swallow any, held a gun but changed your mind or it was grabbed from your hand, went to the roof but didn't jump; or actually took pills, tried to shoot yourself, cut yourself, tried to hang yourself, etc.)", CssrsLifetime),
            YesNo(7, "6 (past 3 months)", "Was this within the past 3 months?", CssrsPast3Months, new ItemCondition(6, 1)),
        ],
        ResponseOptions: YesNoOptions,
        Bands: [],
        MinTotal: null,
        MaxTotal: null,
        Source: "Posner et al., Columbia Lighthouse Project: C-SSRS screener with triage points. Free for use in clinical settings.");

    public const string CheckInToday = "Today";
    public const string CheckInLastNight = "Last night";
    public const string CheckInSinceSession = "Since your session";

    /// <summary>The check-in's mood item: five points, lowest first (0 = very low, which asks the therapist to follow up).</summary>
    public static IReadOnlyList<ResponseOption> MoodOptions { get; } =
    [
        new(0, "Very low"),
        new(1, "Low"),
        new(2, "Neither low nor good"),
        new(3, "Good"),
        new(4, "Very good"),
    ];

    /// <summary>The check-in's sleep item: five points, worst first.</summary>
    public static IReadOnlyList<ResponseOption> SleepOptions { get; } =
    [
        new(0, "Very badly"),
        new(1, "Badly"),
        new(2, "Fairly well"),
        new(3, "Well"),
        new(4, "Very well"),
    ];

    /// <summary>The check-in's side-effect items: how bad each has been since the session (3 = severe asks the therapist to follow up).</summary>
    public static IReadOnlyList<ResponseOption> SideEffectOptions { get; } =
    [
        new(0, "Not at all"),
        new(1, "Mild"),
        new(2, "Moderate"),
        new(3, "Severe"),
    ];

    /// <summary>
    /// The next-day check-in after a dosing session (domain.md §5, after the clinics' practice [C: NORTH]): mood today, sleep
    /// last night, the common after-effects of ketamine (nausea, headache, dizziness, feeling disconnected or unreal — the
    /// dissociation measured during the session), and any thoughts of self-harm since the session. Kap's own short form,
    /// not a validated scale: it has no total and no bands. Its rules are <see cref="NextDayCheckInRules"/>.
    /// </summary>
    public static InstrumentDefinition NextDayCheckIn { get; } = new(
        Instrument.NextDayCheckIn,
        Name: "Next-day check-in",
        ShortName: "Check-in",
        CompletedBy: Respondent.SelfReport,
        ResponseKind: ResponseKind.Mixed,
        Instructions: "A few questions about how you are the day after your dosing session. There are no right or wrong answers; your care team reads every check-in.",
        RecallPeriod: CheckInSinceSession,
        Items:
        [
            new(NextDayCheckInRules.MoodItem, "1", "How is your mood today?", CheckInToday, 0, 4, MoodOptions),
            new(NextDayCheckInRules.SleepItem, "2", "How did you sleep last night?", CheckInLastNight, 0, 4, SleepOptions),
            new(3, "3", "Nausea or being sick", CheckInSinceSession, 0, 3, SideEffectOptions),
            new(4, "4", "Headache", CheckInSinceSession, 0, 3, SideEffectOptions),
            new(5, "5", "Dizziness or feeling unsteady", CheckInSinceSession, 0, 3, SideEffectOptions),
            new(6, "6", "Feeling disconnected, unreal, or detached from yourself or your surroundings", CheckInSinceSession, 0, 3, SideEffectOptions),
            YesNo(NextDayCheckInRules.SelfHarmItem, "7", "Since your session, have you had any thoughts of harming yourself, or that you would be better off dead?", CheckInSinceSession),
        ],
        ResponseOptions: [],
        Bands: [],
        MinTotal: null,
        MaxTotal: null,
        Source: "Kap's next-day check-in after a dosing session (domain.md §5; clinics' practice). Not a validated scale: no total, no bands.");

    public static IReadOnlyList<InstrumentDefinition> All { get; } = [Phq9, Gad7, Pcl5, Madrs, CssrsScreener, NextDayCheckIn];

    public static InstrumentDefinition Get(Instrument instrument) => instrument switch
    {
        Instrument.Phq9 => Phq9,
        Instrument.Gad7 => Gad7,
        Instrument.Pcl5 => Pcl5,
        Instrument.Madrs => Madrs,
        Instrument.CssrsScreener => CssrsScreener,
        Instrument.NextDayCheckIn => NextDayCheckIn,
        _ => throw new ArgumentOutOfRangeException(nameof(instrument), instrument, "Unknown instrument."),
    };

    private static MeasureItem[] ScaleItems(string recallPeriod, IReadOnlyList<ResponseOption> options, params string[] texts) =>
        texts
            .Select((text, index) => new MeasureItem(
                index + 1,
                (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                text,
                recallPeriod,
                options[0].Value,
                options[^1].Value,
                options))
            .ToArray();

    private static MeasureItem YesNo(int number, string label, string text, string recallPeriod, ItemCondition? askedWhen = null) =>
        new(number, label, text, recallPeriod, 0, 1, YesNoOptions, askedWhen);
}
