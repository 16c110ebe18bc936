import ArgumentParser

/// Managed and inline policies, attachments, boundaries, the simulator and effective permissions.
enum PolicyCommands {
    static let all: [any ParsableCommand.Type] = [
        CreatePolicyCommand.self, GetPolicyCommand.self, ListPoliciesCommand.self, DeletePolicyCommand.self,
        CreatePolicyVersionCommand.self, GetPolicyVersionCommand.self, ListPolicyVersionsCommand.self,
        DeletePolicyVersionCommand.self, SetDefaultPolicyVersionCommand.self, TagPolicyCommand.self, UntagPolicyCommand.self,
        ListPolicyTagsCommand.self, ListEntitiesForPolicyCommand.self, AttachUserPolicyCommand.self,
        DetachUserPolicyCommand.self, AttachGroupPolicyCommand.self, DetachGroupPolicyCommand.self,
        ListAttachedUserPoliciesCommand.self, ListAttachedGroupPoliciesCommand.self, PutUserPolicyCommand.self,
        GetUserPolicyCommand.self, DeleteUserPolicyCommand.self, ListUserPoliciesCommand.self, PutGroupPolicyCommand.self,
        GetGroupPolicyCommand.self, DeleteGroupPolicyCommand.self, ListGroupPoliciesCommand.self,
        PutUserPermissionsBoundaryCommand.self, DeleteUserPermissionsBoundaryCommand.self, SimulatePrincipalPolicyCommand.self,
        SimulateCustomPolicyCommand.self, GetContextKeysForCustomPolicyCommand.self, GetContextKeysForPrincipalPolicyCommand.self,
        ListEffectivePoliciesCommand.self, CopyUserPermissionsCommand.self, GetAccountAuthorizationDetailsCommand.self,
    ]
}
