using AngleSharp.Dom;
using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Features.Patients.GetPatient;
using Kap.Application.Features.Patients.RegisterPatient;
using Kap.Application.Features.Patients.UpdatePatient;
using Kap.Domain.Patients;
using Kap.Web.Components.Pages.Patients;
using Kap.Web.Tests.Infrastructure;

namespace Kap.Web.Tests.Components.Pages.Patients;

/// <summary>The patient form, through the pages that host it: it sends one command and shows the errors the command returns.</summary>
public sealed class PatientFormTests : KapComponentTest
{
    private const string LegalNameMessage = "Enter the patient's legal name.";
    private const string DateOfBirthMessage = "The date of birth cannot be in the future.";
    private const string Summary = "Please correct the highlighted fields.";

    [Fact]
    public void A_validation_error_shows_each_field_message_next_to_its_field_and_the_summary()
    {
        Sender.On<RegisterPatientCommand, Result<Guid>>(_ => new Error(ErrorKind.Validation, Summary, new Dictionary<string, string[]>
        {
            ["LegalName"] = [LegalNameMessage],
            ["DateOfBirth"] = [DateOfBirthMessage],
        }));
        var page = RenderPage<RegisterPatient>();
        Assert.Null(FieldError(page, "legal-name"));

        page.Find("form").Submit();

        Assert.Equal(LegalNameMessage, FieldError(page, "legal-name"));
        Assert.Equal(DateOfBirthMessage, FieldError(page, "date-of-birth"));
        Assert.Equal("true", page.Find("#legal-name").GetAttribute("aria-invalid"));
        Assert.Equal("true", page.Find("#date-of-birth").GetAttribute("aria-invalid"));

        // Fields the command did not mention stay clean.
        Assert.Null(FieldError(page, "email"));
        Assert.Null(FieldError(page, "support-name"));
        Assert.NotEqual("true", page.Find("#email").GetAttribute("aria-invalid"));

        var alert = page.Find("[data-testid=form-error]");
        Assert.Equal(Summary, alert.TextContent.Trim());
        Assert.Contains("mud-alert-text-error", alert.ClassList);

        var sent = Assert.Single(Sender.Sent);
        Assert.IsType<RegisterPatientCommand>(sent);
        Assert.Equal(Navigation.BaseUri, Navigation.Uri);
    }

    [Fact]
    public void Field_messages_for_the_same_field_are_joined()
    {
        Sender.On<RegisterPatientCommand, Result<Guid>>(_ => new Error(ErrorKind.Validation, Summary, new Dictionary<string, string[]>
        {
            ["Email"] = ["Enter a valid email address.", "Use at most 256 characters."],
        }));
        var page = RenderPage<RegisterPatient>();

        page.Find("form").Submit();

        Assert.Equal("Enter a valid email address. Use at most 256 characters.", FieldError(page, "email"));
        Assert.Null(FieldError(page, "legal-name"));
    }

    [Fact]
    public void A_conflict_says_someone_else_changed_the_record_and_stays_on_the_form()
    {
        var patient = Patient();
        Sender.On<GetPatientQuery, Result<PatientDto>>(_ => patient);
        Sender.On<UpdatePatientCommand, Result<Guid>>(_ => Error.Conflict());
        var page = RenderPage<EditPatient>(p => p.Add(x => x.PatientId, patient.Id));

        page.Find("form").Submit();

        var alert = page.Find("[data-testid=form-error]");
        Assert.Contains("Someone else changed this record while you were working on it.", alert.TextContent);
        Assert.Contains("mud-alert-text-warning", alert.ClassList);
        Assert.Empty(page.FindAll(".mud-input-helper-text.mud-input-error"));

        var update = Assert.Single(Sender.SentOf<UpdatePatientCommand>());
        Assert.Equal(patient.Id, update.PatientId);
        Assert.Equal(patient.Version, update.Version);
        Assert.Equal(patient.LegalName, update.LegalName);
        Assert.Equal(Navigation.BaseUri, Navigation.Uri);
    }

    [Fact]
    public void Editing_loads_the_patient_into_the_form_and_locks_the_email()
    {
        var patient = Patient();
        Sender.On<GetPatientQuery, Result<PatientDto>>(_ => patient);
        var page = RenderPage<EditPatient>(p => p.Add(x => x.PatientId, patient.Id));

        Assert.Equal(patient.Id, Assert.Single(Sender.SentOf<GetPatientQuery>()).PatientId);
        Assert.Equal("Alice Nguyen", page.Find("#legal-name").GetAttribute("value"));
        Assert.Equal("1980-05-01", page.Find("#date-of-birth").GetAttribute("value"));
        Assert.True(page.Find("#email").HasAttribute("disabled"));
        Assert.Contains("The email is the patient's sign-in and is not changed here.", page.Markup);
    }

    [Fact]
    public void Registering_sends_the_typed_values_with_the_clinic_time_zone_and_opens_a_course_next()
    {
        var newId = Guid.NewGuid();
        Sender.On<RegisterPatientCommand, Result<Guid>>(_ => newId);
        var page = RenderPage<RegisterPatient>();
        Assert.Empty(Sender.Sent);

        page.Find("#legal-name").Change("Alice Nguyen");
        page.Find("#email").Change("alice@example.com");
        page.Find("#date-of-birth").Change("1980-05-01");
        page.Find("#support-name").Change("Bob Nguyen");
        page.Find("#support-relationship").Change("Partner");
        page.Find("#support-phone").Change("555-0100");
        page.Find("form").Submit();

        var command = Assert.Single(Sender.SentOf<RegisterPatientCommand>());
        Assert.Equal(
            new RegisterPatientCommand("Alice Nguyen", null, new DateOnly(1980, 5, 1), "alice@example.com", null, ReminderChannel.Email,
                ClinicZone, "Bob Nguyen", "Partner", "555-0100", null),
            command);
        Assert.Equal("America/New_York", command.TimeZone);
        Assert.Equal(Navigation.BaseUri + $"courses/new?patientId={newId}", Navigation.Uri);
        Assert.Empty(page.FindAll("[data-testid=form-error]"));
    }

    /// <summary>The error text MudBlazor shows under the input with this id, or null when the field shows none.</summary>
    private static string? FieldError<T>(IRenderedComponent<T> page, string inputId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        FieldError(page.Find("#" + inputId));

    private static string? FieldError(IElement input)
    {
        var control = input.Closest(".mud-input-control") ?? throw new InvalidOperationException($"#{input.Id} is not inside a MudBlazor input control.");
        return control.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();
    }

    private static PatientDto Patient() => new(
        Guid.NewGuid(), Guid.NewGuid(), "Alice Nguyen", null, new DateOnly(1980, 5, 1), "alice@example.com", null, ReminderChannel.Email,
        "America/New_York", "Bob Nguyen", "Partner", "555-0100", null, new DateTime(2026, 11, 1, 14, 0, 0, DateTimeKind.Utc), []);
}
