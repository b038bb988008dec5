namespace Kap.Application.Common.Security;

public static class KapRoles
{
    public const string Admin = "Admin";
    public const string Therapist = "Therapist";
    public const string NursePractitioner = "NursePractitioner";
    public const string Patient = "Patient";

    /// <summary>Kap itself, for scheduled jobs. Never an Identity role: no one signs in as System.</summary>
    public const string System = "System";

    public static IReadOnlyList<string> All { get; } = [Admin, Therapist, NursePractitioner, Patient];

    public static IReadOnlyList<string> Staff { get; } = [Admin, Therapist, NursePractitioner];

    public static string Describe(string role) => role switch
    {
        NursePractitioner => "Nurse practitioner",
        _ => role,
    };
}
