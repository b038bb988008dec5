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
        options.AddPolicy(Staff, p => p.RequireRole(KapRoles.Admin, KapRoles.Therapist, KapRoles.NursePractitioner));
        options.AddPolicy(Clinician, p => p.RequireRole(KapRoles.Admin, KapRoles.Therapist, KapRoles.NursePractitioner));
        options.AddPolicy(ManagesCourses, p => p.RequireRole(KapRoles.Admin, KapRoles.Therapist));
        options.AddPolicy(Admin, p => p.RequireRole(KapRoles.Admin));
        options.AddPolicy(Therapist, p => p.RequireRole(KapRoles.Therapist));
        options.AddPolicy(Prescriber, p => p.RequireRole(KapRoles.NursePractitioner));
        options.AddPolicy(Patient, p => p.RequireRole(KapRoles.Patient));
        options.AddPolicy(ViewsOutcomes, p => p.RequireRole(KapRoles.Admin, KapRoles.Therapist));
        options.AddPolicy(ControlledSubstances, p => p.RequireRole(KapRoles.Admin, KapRoles.NursePractitioner));
        options.AddPolicy(Anonymous, p => p.RequireAssertion(_ => true));
        options.AddPolicy(System, p => p.RequireRole(KapRoles.System));
    }
}

/// <summary>Declares the policy a Mediator message requires. A message without one is refused (and fails a test).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPolicyAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}
