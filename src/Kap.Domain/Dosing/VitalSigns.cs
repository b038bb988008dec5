namespace Kap.Domain.Dosing;

/// <summary>
/// One timestamped vitals entry (domain.md §4), saved the moment it is entered. Respiratory rate is
/// optional; the rest are what the schedule and the alert tiers need.
/// </summary>
public sealed record VitalSigns(DateTime AtUtc, int Systolic, int Diastolic, int HeartRate, int SpO2, int? RespiratoryRate = null);
