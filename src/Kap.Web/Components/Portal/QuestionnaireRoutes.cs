using Kap.Domain.Measures;

namespace Kap.Web.Components.Portal;

/// <summary>The portal's questionnaire addresses: <c>/portal/questionnaires/phq-9</c>, <c>…/check-in</c>. Never the MADRS (clinician-rated).</summary>
public static class QuestionnaireRoutes
{
    public const string List = "portal/questionnaires";
    public const string Scores = "portal/scores";

    public static string Slug(Instrument instrument) => instrument switch
    {
        Instrument.Phq9 => "phq-9",
        Instrument.Gad7 => "gad-7",
        Instrument.Pcl5 => "pcl-5",
        Instrument.CssrsScreener => "c-ssrs",
        Instrument.NextDayCheckIn => "check-in",
        _ => throw new ArgumentOutOfRangeException(nameof(instrument), instrument, "Not filled in by patients."),
    };

    /// <summary>The page of one questionnaire, relative to the base address.</summary>
    public static string Href(Instrument instrument) => $"{List}/{Slug(instrument)}";

    public static Instrument? FromSlug(string? slug) => slug?.ToLowerInvariant() switch
    {
        "phq-9" => Instrument.Phq9,
        "gad-7" => Instrument.Gad7,
        "pcl-5" => Instrument.Pcl5,
        "c-ssrs" => Instrument.CssrsScreener,
        "check-in" => Instrument.NextDayCheckIn,
        _ => null,
    };
}
