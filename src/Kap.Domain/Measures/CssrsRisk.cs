namespace Kap.Domain.Measures;

/// <summary>
/// The risk level the C-SSRS screener's answers point to (domain.md §2, Columbia's screener with triage
/// points). Stored as numbers, ordered from no risk to high risk.
/// </summary>
public enum CssrsRisk
{
    /// <summary>Every question answered no.</summary>
    None = 0,

    /// <summary>Yes to question 1 (wish to be dead) and/or question 2 (suicidal thoughts) only.</summary>
    Low = 1,

    /// <summary>
    /// Yes to question 3 (thinking about how — method without intent), or yes to question 6 (suicidal
    /// behaviour) longer than 3 months ago.
    /// </summary>
    Moderate = 2,

    /// <summary>
    /// Yes to question 4 (intent) or question 5 (plan with intent) in the past month, or suicidal behaviour
    /// within the past 3 months. Columbia calls these the imminent-risk answers; in Kap they alert the
    /// therapist at once and block dosing until a clinician records a risk assessment.
    /// </summary>
    High = 3,
}

public static class CssrsRiskNames
{
    public static string Describe(this CssrsRisk risk) => risk switch
    {
        CssrsRisk.None => "No risk indicated",
        CssrsRisk.Low => "Low risk",
        CssrsRisk.Moderate => "Moderate risk",
        CssrsRisk.High => "High risk",
        _ => throw new ArgumentOutOfRangeException(nameof(risk), risk, "Unknown C-SSRS risk level."),
    };

    /// <summary>
    /// What to do next, paraphrasing Columbia's triage guidance for the screener (CSSRS-T). The screener
    /// does not replace clinical judgement; the wording says so where the guidance leaves room for it.
    /// </summary>
    public static string Triage(this CssrsRisk risk) => risk switch
    {
        // No yes answers: the screener found nothing; care continues and the screen is repeated as planned.
        CssrsRisk.None => "No suicidal ideation or behaviour reported. Continue routine care and repeat the screen as planned.",

        // Columbia: yes to 1 or 2 only → behavioural health referral; clinical judgement decides further steps.
        CssrsRisk.Low => "Passive wish to be dead or suicidal thoughts without method, intent or recent behaviour. Refer for behavioural health follow-up and review at the next contact.",

        // Columbia: yes to 3, or behaviour more than 3 months ago → behavioural health consultation and
        // consider patient safety precautions.
        CssrsRisk.Moderate => "Suicidal thoughts with a method, or suicidal behaviour more than 3 months ago. Arrange a behavioural health consultation and consider safety precautions.",

        // Columbia: yes to 4 or 5 in the past month, or any behaviour in the past 3 months → imminent risk:
        // immediate safety assessment, patient safety precautions until a mental health professional has
        // evaluated the patient (possible hospitalisation). Kap alerts the therapist and blocks dosing.
        CssrsRisk.High => "Suicidal intent or plan in the past month, or suicidal behaviour in the past 3 months. Immediate safety assessment: do not leave the patient alone, keep them safe until a clinician has evaluated them, and record a risk assessment before any dosing.",

        _ => throw new ArgumentOutOfRangeException(nameof(risk), risk, "Unknown C-SSRS risk level."),
    };
}
