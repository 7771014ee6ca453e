using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Dashboard.Overview;

/// <summary>
/// The onboarding checklist: event type → subscription → first event → first delivery (an organization
/// starts with an application). Each step is ticked from the modules' data and links to the page where
/// it is done; the event and delivery steps link to the subscriptions page, where a test event is sent.
/// </summary>
public static class OnboardingSteps
{
    private const string Done = "Done";

    public static IReadOnlyList<OnboardingStep> ForApplication(string applicationBase, ApplicationOnboarding steps, bool delivered) =>
    [
        new("event-type", "Create an event type", steps.EventType == Done, $"{applicationBase}/event-types", "Name the kinds of event your application sends."),
        new("subscription", "Create a subscription", steps.Subscription == Done, $"{applicationBase}/subscriptions/new", "Tell Hook0 where to deliver them."),
        new("first-event", "Send a first event", steps.Event == Done, $"{applicationBase}/subscriptions", "From your code with an API key, or a test event from a subscription."),
        new("first-delivery", "Get a first delivery", delivered, $"{applicationBase}/overview", "An endpoint answered 2xx."),
    ];

    /// <summary>The organization's steps; <paramref name="firstApplicationBase"/> (its first application's address, null when it has none) is where the later steps are done.</summary>
    public static IReadOnlyList<OnboardingStep> ForOrganization(Guid organizationId, OrganizationOnboarding steps, string? firstApplicationBase, bool delivered)
    {
        var app = firstApplicationBase ?? $"/organizations/{organizationId}";
        return
        [
            new("application", "Create an application", steps.Application == Done, $"/organizations/{organizationId}#new-application", "An application holds event types and subscriptions."),
            new("event-type", "Create an event type", steps.EventType == Done, firstApplicationBase is null ? app : $"{app}/event-types", "Name the kinds of event your application sends."),
            new("subscription", "Create a subscription", steps.Subscription == Done, firstApplicationBase is null ? app : $"{app}/subscriptions/new", "Tell Hook0 where to deliver them."),
            new("first-event", "Send a first event", steps.Event == Done, firstApplicationBase is null ? app : $"{app}/subscriptions", "From your code with an API key, or a test event from a subscription."),
            new("first-delivery", "Get a first delivery", delivered, firstApplicationBase is null ? app : $"{app}/overview", "An endpoint answered 2xx."),
        ];
    }
}
