"""The forum's and library's e-mails, one function per kind: who receives it and what it says."""

from spro_portal import emails


def resource_reused(story):
    """Tell a resource's author that a structure told how it reused it."""
    resource = story.resource
    emails.send(
        "resource-reused",
        resource.author.email,
        {"story": story, "resource": resource, "structure": story.structure, "teller": story.author},
    )
