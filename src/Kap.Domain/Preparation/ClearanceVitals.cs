using Kap.Domain.Common;

namespace Kap.Domain.Preparation;

/// <summary>
/// The vitals of a medical clearance. Each may be missing while the NP is still entering them; signing
/// needs them all. The plausible ranges catch typing errors (a weight in pounds, a BP of 1200), not
/// clinical judgement: a plausible but high BP is the NP's call (the uncontrolled-hypertension flag).
/// </summary>
public sealed record ClearanceVitals(int? SystolicMmHg, int? DiastolicMmHg, int? HeartRateBpm, decimal? WeightKg, decimal? HeightCm)
{
    public const int MinSystolic = 60;
    public const int MaxSystolic = 260;
    public const int MinDiastolic = 30;
    public const int MaxDiastolic = 160;
    public const int MinHeartRate = 30;
    public const int MaxHeartRate = 220;
    public const decimal MinWeightKg = 30m;
    public const decimal MaxWeightKg = 300m;
    public const decimal MinHeightCm = 120m;
    public const decimal MaxHeightCm = 230m;

    public static ClearanceVitals Empty { get; } = new(null, null, null, null, null);

    /// <summary>Body-mass index, kg/m², rounded to one decimal (half away from zero); null until weight and height are known.</summary>
    public decimal? Bmi => WeightKg is { } w && HeightCm is { } h ? ComputeBmi(w, h) : null;

    public bool IsComplete => Missing.Count == 0;

    /// <summary>The vitals not yet recorded, by name.</summary>
    public IReadOnlyList<string> Missing
    {
        get
        {
            var missing = new List<string>();
            if (SystolicMmHg is null)
            {
                missing.Add("systolic blood pressure");
            }

            if (DiastolicMmHg is null)
            {
                missing.Add("diastolic blood pressure");
            }

            if (HeartRateBpm is null)
            {
                missing.Add("heart rate");
            }

            if (WeightKg is null)
            {
                missing.Add("weight");
            }

            if (HeightCm is null)
            {
                missing.Add("height");
            }

            return missing;
        }
    }

    public static decimal ComputeBmi(decimal weightKg, decimal heightCm)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightCm);
        var metres = heightCm / 100m;
        return Math.Round(weightKg / (metres * metres), 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>Checks every recorded value against its plausible range; missing values are not problems here.</summary>
    public DomainResult Validate()
    {
        var problems = new List<string>();
        Check(problems, SystolicMmHg, MinSystolic, MaxSystolic, "Systolic blood pressure", "mmHg");
        Check(problems, DiastolicMmHg, MinDiastolic, MaxDiastolic, "Diastolic blood pressure", "mmHg");
        Check(problems, HeartRateBpm, MinHeartRate, MaxHeartRate, "Heart rate", "beats/min");
        Check(problems, WeightKg, MinWeightKg, MaxWeightKg, "Weight", "kg");
        Check(problems, HeightCm, MinHeightCm, MaxHeightCm, "Height", "cm");
        if (SystolicMmHg is { } s && DiastolicMmHg is { } d && d >= s)
        {
            problems.Add($"Diastolic blood pressure ({d} mmHg) must be lower than systolic ({s} mmHg); check the reading.");
        }

        return problems.Count == 0 ? DomainResult.Ok : DomainResult.Fail(problems);
    }

    private static void Check<T>(List<string> problems, T? value, T min, T max, string name, string unit)
        where T : struct, IComparable<T>
    {
        if (value is { } v && (v.CompareTo(min) < 0 || v.CompareTo(max) > 0))
        {
            problems.Add($"{name} {Format(v)} {unit} is outside the plausible range {Format(min)}–{Format(max)} {unit}; check the reading.");
        }
    }

    private static string Format<T>(T value) where T : struct =>
        value is decimal m ? DoseFormat.Number(m) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
