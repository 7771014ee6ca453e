using FluentValidation.Results;
using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Validation;

namespace Hook0.Tests.Dashboard;

/// <summary>The API's problems land next to the field they concern.</summary>
public sealed class FormErrorsTests
{
    [Test]
    public void Validation_entries_go_to_their_fields_and_the_rest_to_the_form()
    {
        var errors = new FormErrors();
        var problem = ValidationProblem.From([
            new ValidationFailure("email", "must be a valid e-mail address") { ErrorCode = "email" },
            new ValidationFailure("labels", "must contain between 1 and 10 entries") { ErrorCode = "labels-size" },
        ]);

        errors.Capture(problem, "email", "password");

        Assert.Multiple(() =>
        {
            Assert.That(errors["email"], Is.EqualTo("Must be a valid e-mail address"));
            Assert.That(errors.Has("password"), Is.False);
            Assert.That(errors.General, Is.EqualTo("labels: must contain between 1 and 10 entries"));
        });
    }

    [Test]
    public void A_problem_about_a_field_goes_to_that_field_by_its_id_or_id_prefix()
    {
        var errors = new FormErrors(("UserAlreadyExist", "email"), ("Password*", "password"));

        errors.Capture(Problems.UserAlreadyExist.ToException(), "email", "password");
        Assert.That(errors["email"], Is.EqualTo(Problems.UserAlreadyExist.Detail));

        errors.Capture(Problems.PasswordTooShort.With("at least 10 characters"), "email", "password");
        Assert.Multiple(() =>
        {
            Assert.That(errors.Has("email"), Is.False, "each capture starts afresh");
            Assert.That(errors["password"], Is.EqualTo("at least 10 characters"));
        });

        errors.Capture(Problems.Forbidden.ToException(), "email", "password");
        Assert.That(errors.General, Is.EqualTo(Problems.Forbidden.Detail), "a problem about no field is the form's");
    }
}
