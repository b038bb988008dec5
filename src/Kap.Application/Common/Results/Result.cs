namespace Kap.Application.Common.Results;

public enum ErrorKind
{
    /// <summary>The input breaks a rule of its fields; <see cref="Error.Fields"/> says which.</summary>
    Validation,

    /// <summary>The record does not exist, or the user may not know that it does.</summary>
    NotFound,

    /// <summary>The user's role does not allow this.</summary>
    Forbidden,

    /// <summary>Someone else changed the record since it was loaded.</summary>
    Conflict,

    /// <summary>A clinical or workflow rule refused it (a gate, an illegal transition).</summary>
    Rule,

    /// <summary>A bug: nothing was saved.</summary>
    Unexpected,
}

/// <summary>What went wrong, in words a clinician can act on.</summary>
public sealed record Error(ErrorKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Fields = null, IReadOnlyList<string>? Details = null)
{
    public static Error NotFound(string what) => new(ErrorKind.NotFound, $"{what} was not found, or you do not have access to it.");

    public static Error Forbidden() => new(ErrorKind.Forbidden, "You do not have permission to do this.");

    public static Error Conflict() => new(ErrorKind.Conflict,
        "Someone else changed this record while you were working on it. Nothing you entered was saved: reload to see their changes, then make yours again.");

    public static Error Rule(string message, IReadOnlyList<string>? details = null) => new(ErrorKind.Rule, message, Details: details);

    public static Error Field(string field, string message) =>
        new(ErrorKind.Validation, message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The short, health-information-free word the audit trail keeps.</summary>
    public string AuditOutcome => Kind switch
    {
        ErrorKind.Validation => "invalid",
        ErrorKind.NotFound => "not-found",
        ErrorKind.Forbidden => "forbidden",
        ErrorKind.Conflict => "conflict",
        ErrorKind.Rule => "refused",
        _ => "error",
    };
}

/// <summary>Implemented by every message response so the pipeline can fail a message without exceptions.</summary>
public interface IResult
{
    bool IsSuccess { get; }

    Error? Error { get; }
}

public class Result : IResult
{
    protected Result(Error? error) => Error = error;

    public bool IsSuccess => Error is null;

    public Error? Error { get; }

    public static Result Success() => new(null);

    public static Result Failure(Error error) => new(error);

    public static implicit operator Result(Error error) => Failure(error);
}

public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(T value)
        : base(null) => _value = value;

    private Result(Error error)
        : base(error)
    {
    }

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("A failed result has no value: " + Error!.Message);

    public static Result<T> Success(T value) => new(value);

    public static new Result<T> Failure(Error error) => new(error);

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new(error);
}

/// <summary>Builds a failed <typeparamref name="TResponse"/> for the pipeline behaviors, which are generic over every message.</summary>
public static class FailureFactory<TResponse>
{
    private static readonly Func<Error, TResponse>? Create = Build();

    public static bool CanCreate => Create is not null;

    public static TResponse From(Error error) =>
        Create is not null ? Create(error) : throw new InvalidOperationException($"{typeof(TResponse).Name} is not a Result; every Kap message must return Result or Result<T>.");

    private static Func<Error, TResponse>? Build()
    {
        if (!typeof(IResult).IsAssignableFrom(typeof(TResponse)))
        {
            return null;
        }

        var method = typeof(TResponse).GetMethod("Failure", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static, [typeof(Error)]);
        return method is null ? null : method.CreateDelegate<Func<Error, TResponse>>();
    }
}
