namespace Hook0.Modules.Delivery.Sending.Retrying;

/// <summary>Why a failed attempt gets no further try.</summary>
internal enum GiveUpReason
{
    /// <summary>The retry budget is spent: the attempt goes to the dead letter state.</summary>
    Exhausted,

    /// <summary>The request could not be signed (<c>E_INVALID_HEADER</c>); every retry would fail alike.</summary>
    InvalidHeader,

    /// <summary>The receiver answered 410 Gone: the subscription is to be disabled.</summary>
    Gone410,
}
