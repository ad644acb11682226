ALTER TYPE "ChangelogType" ADD VALUE 'Incident';
