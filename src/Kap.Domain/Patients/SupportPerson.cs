namespace Kap.Domain.Patients;

/// <summary>The emergency contact who is also the escort/support person for dosing days (domain.md §2).</summary>
public sealed class SupportPerson
{
    public string Name { get; set; } = "";
    public string Relationship { get; set; } = "";
    public string Phone { get; set; } = "";
    public string? Email { get; set; }
}
