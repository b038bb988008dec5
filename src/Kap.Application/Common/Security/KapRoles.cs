namespace Kap.Application.Common.Security;

public static class KapRoles
{
    public const string Admin = "Admin";
    public const string Therapist = "Therapist";
    public const string NursePractitioner = "NursePractitioner";
    public const string Patient = "Patient";

    public static IReadOnlyList<string> All { get; } = [Admin, Therapist, NursePractitioner, Patient];

    public static IReadOnlyList<string> Staff { get; } = [Admin, Therapist, NursePractitioner];

    public static string Describe(string role) => role switch
    {
        NursePractitioner => "Nurse practitioner",
        _ => role,
    };
}
