using Kap.Domain.Common;

namespace Kap.Domain.Consent;

/// <summary>
/// One published version of the clinic's informed-consent document. Versions are never edited: a change
/// is a new version, and every patient must sign it before their next dose (domain.md §2, item 2).
/// </summary>
public sealed class ConsentDocument : Entity
{
    private ConsentDocument()
    {
    }

    public ConsentDocument(int versionNumber, string title, string text, DateTime publishedAtUtc, Guid publishedBy)
    {
        VersionNumber = versionNumber;
        Title = title.Trim();
        Text = text.Trim();
        PublishedAtUtc = publishedAtUtc;
        PublishedBy = publishedBy;
    }

    public int VersionNumber { get; private set; }
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTime PublishedAtUtc { get; private set; }
    public Guid PublishedBy { get; private set; }
}

/// <summary>
/// A patient's signature on one consent version for one course, countersigned by a clinician. Only a
/// complete signature on the latest version counts as consent.
/// </summary>
public sealed class ConsentSignature : Entity
{
    private ConsentSignature()
    {
    }

    public ConsentSignature(Guid courseId, Guid patientId, Guid documentId, int versionNumber, string patientTypedName, DateTime patientSignedAtUtc)
    {
        CourseId = courseId;
        PatientId = patientId;
        DocumentId = documentId;
        VersionNumber = versionNumber;
        PatientTypedName = patientTypedName.Trim();
        PatientSignedAtUtc = patientSignedAtUtc;
    }

    public Guid CourseId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid DocumentId { get; private set; }
    public int VersionNumber { get; private set; }

    /// <summary>The patient's full name as they typed it to sign.</summary>
    public string PatientTypedName { get; private set; } = "";

    public DateTime PatientSignedAtUtc { get; private set; }
    public Guid? ClinicianId { get; private set; }
    public DateTime? ClinicianSignedAtUtc { get; private set; }

    public bool IsComplete => ClinicianSignedAtUtc is not null;

    public DomainResult Countersign(Guid clinicianId, DateTime atUtc)
    {
        if (IsComplete)
        {
            return DomainResult.Fail("This consent is already countersigned.");
        }

        ClinicianId = clinicianId;
        ClinicianSignedAtUtc = atUtc;
        return DomainResult.Ok;
    }
}

public static class ConsentRules
{
    /// <summary>Consent is current when the latest published version carries a complete signature for the course.</summary>
    public static bool IsCurrent(int? latestVersion, IEnumerable<ConsentSignature> courseSignatures) =>
        latestVersion is { } latest && courseSignatures.Any(s => s.VersionNumber == latest && s.IsComplete);

    /// <summary>A typed signature must be the patient's name, so that signing is a deliberate act.</summary>
    public static DomainResult CheckTypedName(string typed, string legalName) =>
        string.Equals(Normalize(typed), Normalize(legalName), StringComparison.OrdinalIgnoreCase)
            ? DomainResult.Ok
            : DomainResult.Fail("Type the patient's full legal name exactly to sign.");

    private static string Normalize(string s) => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
