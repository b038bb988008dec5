using Kap.Domain.Patients;

namespace Kap.Domain.Tests.Patients;

public sealed class PatientTests
{
    [Theory]
    [InlineData("1990-06-15", "2025-06-15", 35)] // birthday today
    [InlineData("1990-06-15", "2025-06-14", 34)] // the day before the birthday
    [InlineData("1990-06-15", "2025-06-16", 35)] // the day after the birthday
    [InlineData("1990-12-31", "2026-01-01", 35)] // across the new year, birthday just passed
    [InlineData("1991-01-01", "2025-12-31", 34)] // the last day before the birthday, at year end
    [InlineData("2007-03-10", "2025-03-10", 18)] // turns 18 today
    [InlineData("2007-03-10", "2025-03-09", 17)] // still 17 the day before
    [InlineData("2025-05-01", "2025-05-01", 0)] // born today
    public void AgeOn_counts_whole_years(string dateOfBirth, string today, int age)
    {
        Assert.Equal(age, Patient.AgeOn(DateOnly.Parse(dateOfBirth, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2000-02-29", "2024-02-29", 24)] // leap-year birthday, on the day in a leap year
    [InlineData("2000-02-29", "2024-02-28", 23)] // the day before it in a leap year
    [InlineData("2000-02-29", "2023-02-28", 22)] // non-leap year: not yet a birthday on 28 February
    [InlineData("2000-02-29", "2023-03-01", 23)] // non-leap year: the birthday is taken as 1 March
    [InlineData("2000-02-29", "2023-02-27", 22)]
    [InlineData("2000-02-29", "2100-02-28", 99)] // 2100 is not a leap year
    [InlineData("2000-02-29", "2100-03-01", 100)]
    [InlineData("2001-03-01", "2024-02-29", 22)] // 1 March birthday seen from a leap day
    [InlineData("2001-02-28", "2024-02-29", 23)] // 28 February birthday already passed on a leap day
    public void AgeOn_handles_29_February(string dateOfBirth, string today, int age)
    {
        Assert.Equal(age, Patient.AgeOn(DateOnly.Parse(dateOfBirth, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_new_patient_has_trimmed_details_and_blank_optionals_stored_as_null()
    {
        var patient = new Patient("  Ada Lovelace ", "   ", new DateOnly(1985, 12, 10), " ada@example.org ", "",
            ReminderChannel.Email, "Europe/London", new SupportPerson { Name = "Charles", Phone = "0123" }, Guid.NewGuid(), DateTime.UtcNow);

        Assert.Equal("Ada Lovelace", patient.LegalName);
        Assert.Null(patient.PreferredName);
        Assert.Equal("ada@example.org", patient.Email);
        Assert.Null(patient.Mobile);
        Assert.Equal("Ada Lovelace", patient.DisplayName);
    }

    [Fact]
    public void The_display_name_prefers_the_preferred_name()
    {
        var patient = new Patient("Augusta Ada King", " Ada ", new DateOnly(1985, 12, 10), "ada@example.org", " 07700 900000 ",
            ReminderChannel.Sms, "Europe/London", new SupportPerson(), Guid.NewGuid(), DateTime.UtcNow);

        Assert.Equal("Ada", patient.DisplayName);
        Assert.Equal("07700 900000", patient.Mobile);
    }
}
