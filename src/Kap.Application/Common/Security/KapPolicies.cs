using Microsoft.AspNetCore.Authorization;

namespace Kap.Application.Common.Security;

/// <summary>
/// The named policies that pages, endpoints and Mediator messages declare. The same names are enforced
/// for a page request and for a message, so hiding a link is never the only protection.
/// </summary>
public static class KapPolicies
{
    /// <summary>Any signed-in user.</summary>
    public const string Authenticated = "Authenticated";

    /// <summary>Admin, Therapist, NursePractitioner.</summary>
    public const string Staff = "Staff";

    /// <summary>Therapist or NursePractitioner: people who treat patients (Admin included for oversight).</summary>
    public const string Clinician = "Clinician";

    /// <summary>Therapists (and admins) register patients and open courses.</summary>
    public const string ManagesCourses = "ManagesCourses";

    public const string Admin = "Admin";

    /// <summary>Therapists only: integration notes are psychotherapy content, written and read by the therapist.</summary>
    public const string Therapist = "Therapist";

    /// <summary>Nurse practitioners: medical clearance and dose plans are theirs to sign.</summary>
    public const string Prescriber = "Prescriber";

    public const string Patient = "Patient";

    /// <summary>Therapists and admins: the clinic outcomes report (aggregates over completed courses, no patient identities).</summary>
    public const string ViewsOutcomes = "ViewsOutcomes";

    /// <summary>Nurse practitioners and admins: the controlled-substance ledger (domain.md §7).</summary>
    public const string ControlledSubstances = "ControlledSubstances";

    /// <summary>No sign-in needed (accepting an invitation). Declared explicitly so that it is a choice, never an omission.</summary>
    public const string Anonymous = "Anonymous";

    /// <summary>Scheduled work (reminder dispatch), run by Kap itself.</summary>
    public const string System = "System";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Authenticated, p => p.RequireAuthenticatedUser());
        StaffPolicy(options, Staff, KapRoles.Admin, KapRoles.Therapist, KapRoles.NursePractitioner);
        StaffPolicy(options, Clinician, KapRoles.Admin, KapRoles.Therapist, KapRoles.NursePractitioner);
        StaffPolicy(options, ManagesCourses, KapRoles.Admin, KapRoles.Therapist);
        StaffPolicy(options, Admin, KapRoles.Admin);
        StaffPolicy(options, Therapist, KapRoles.Therapist);
        StaffPolicy(options, Prescriber, KapRoles.NursePractitioner);
        options.AddPolicy(Patient, p => p.RequireRole(KapRoles.Patient));
        StaffPolicy(options, ViewsOutcomes, KapRoles.Admin, KapRoles.Therapist);
        StaffPolicy(options, ControlledSubstances, KapRoles.Admin, KapRoles.NursePractitioner);
        options.AddPolicy(Anonymous, p => p.RequireAssertion(_ => true));
        options.AddPolicy(System, p => p.RequireRole(KapRoles.System));
    }

    /// <summary>A staff policy: one of the roles, and a sign-in confirmed with the authenticator app (<see cref="StaffSecondFactorRequirement"/>).</summary>
    private static void StaffPolicy(AuthorizationOptions options, string name, params string[] roles) =>
        options.AddPolicy(name, p => p.RequireRole(roles).AddRequirements(new StaffSecondFactorRequirement()));
}

/// <summary>Declares the policy a Mediator message requires. A message without one is refused (and fails a test).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPolicyAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}
