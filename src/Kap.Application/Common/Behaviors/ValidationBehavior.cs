using FluentValidation;
using Kap.Application.Common.Results;
using Mediator;

namespace Kap.Application.Common.Behaviors;

/// <summary>Runs the message's FluentValidation validators; failures come back as field errors the form shows next to each field.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count == 0)
        {
            return await next(message, cancellationToken);
        }

        var fields = failures
            .GroupBy(f => f.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
        var summary = failures.Count == 1 ? failures[0].ErrorMessage : "Please correct the highlighted fields.";
        return FailureFactory<TResponse>.From(new Error(ErrorKind.Validation, summary, fields));
    }
}
