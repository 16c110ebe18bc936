#!/usr/bin/env python3
"""Writes the LabReset benchmark's lab as a seed file, for timing `iamctl lab reset` end to end:
1,000 users (pre-hashed passwords, tags, two generated keys, two attached policies), 100 groups
(ten members, ten policies), 200 customer managed policies: 3,000 attachments in all.

    python3 Benchmarks/lab-seed.py > /tmp/large-lab.yaml
    hyperfine --warmup 1 'iamctl lab reset /tmp/large-lab.yaml --db /tmp/lab.sqlite --credentials-csv /tmp/c.csv'
"""
HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2VlZHNhbHRzZWVkc2FsdA$wV9txXlogav2k7HaYbR9RWuQg1oY5hpK+MLNMoUxag0"
out = ['account:\n  id: "123456789012"\nroot:\n  email: trainer@example.com\npolicies:']
for i in range(200):
    out.append(f"  - name: LabPolicy{i}\n    document: '{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket-{i}/*\"}}]}}'")
out.append("users:")
for i in range(1000):
    out.append(
        f"  - name: student{i:04d}\n    path: /students/\n    tags: {{cohort: c{i % 10}, seat: '{i}'}}\n"
        f"    password_hash: '{HASH}'\n    access_keys: [{{}}, {{}}]\n"
        f"    policies: [LabPolicy{i % 200}, LabPolicy{(i + 1) % 200}]")
out.append("groups:")
for g in range(100):
    members = ", ".join(f"student{g * 10 + m:04d}" for m in range(10))
    policies = ", ".join(f"LabPolicy{(g * 10 + p) % 200}" for p in range(10))
    out.append(f"  - name: team{g:03d}\n    members: [{members}]\n    policies: [{policies}]")
print("\n".join(out))
