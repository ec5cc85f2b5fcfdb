// What the shared tests need to know about the package under test when it is the cdktn flavour.
const path = require('node:path');

process.env.EKS_UPGRADE_TEST_PACKAGE_NAME = 'cdktn-eks-upgrade';
process.env.EKS_UPGRADE_TEST_PACKAGE_ROOT = path.join(__dirname, 'cdktn');
